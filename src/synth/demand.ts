/**
 * When calls happen: an intensity for every hour of the span, in local time. The product is
 * hour-of-week shape x season x growth x day-to-day noise x a few holidays; the generator then shares the
 * requested number of calls out over the hours in proportion to it.
 */

/** Calls by local hour of day, Minneapolis 2022 Q4 (the trough at 4-5 am is about 30% of the 5 pm peak). */
const HOUR_OF_DAY = [
  2323, 2147, 2036, 1527, 1089, 1094, 1209, 1568, 2697, 2810, 2883, 3118, 3198, 3432, 3237, 3392, 3370, 3709,
  3518, 3305, 3054, 3048, 2838, 2745,
];

/** Day-of-week factors, Sunday first. */
const DAY_OF_WEEK = [0.93, 0.98, 1.0, 1.0, 1.01, 1.06, 1.04];

/** Relative call volume of a local hour of the week (weekday 0 = Sunday). */
export function hourOfWeekWeight(weekday: number, hour: number): number {
  let w = (HOUR_OF_DAY[hour]! / 3000) * DAY_OF_WEEK[weekday]!;
  // Friday and Saturday nights: the evening runs late and the small hours after them stay busy.
  if ((weekday === 5 || weekday === 6) && hour >= 21) w *= 1.18;
  if ((weekday === 6 || weekday === 0) && hour <= 3) w *= 1.4;
  // Weekend mornings are quiet; weekday commutes bring collisions.
  if ((weekday === 6 || weekday === 0) && hour >= 5 && hour <= 10) w *= 0.8;
  if (weekday >= 1 && weekday <= 5 && (hour === 7 || hour === 8 || hour === 16 || hour === 17)) w *= 1.05;
  return w;
}

/** Summer peak in mid July, about 27% above the early-January low. */
export function seasonFactor(dayOfYear: number): number {
  return 1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear - 196)) / 365.25);
}

export const ANNUAL_GROWTH = 0.03;
/** Day-to-day noise: lognormal sigma and the share carried over from the day before (weather spells). */
export const DAILY_NOISE_SIGMA = 0.07;
export const DAILY_NOISE_MEMORY = 0.5;

/** Fireworks and New Year: more calls on the nights everyone in a US city knows. */
export function holidayFactor(month: number, day: number, hour: number): number {
  if (month === 7 && day === 4) return hour >= 20 ? 1.9 : 1.1;
  if (month === 7 && day === 5 && hour <= 2) return 1.6;
  if (month === 1 && day === 1 && hour <= 2) return 1.8;
  if (month === 12 && day === 31 && hour >= 21) return 1.2;
  return 1;
}

/** Season band of a month for the call-type mix: 0 winter (Dec-Mar), 1 spring/autumn, 2 summer (Jun-Sep). */
export function seasonBand(month: number): number {
  return month === 12 || month <= 3 ? 0 : month >= 6 && month <= 9 ? 2 : 1;
}

/** Time-of-day band for the call-type mix: 00-05, 06-11, 12-17, 18-23. */
export function hourBand(hour: number): number {
  return hour < 6 ? 0 : hour < 12 ? 1 : hour < 18 ? 2 : 3;
}
