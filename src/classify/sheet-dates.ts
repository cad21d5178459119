/**
 * Review dates a spreadsheet rewrote. Excel opens the export's `2026-11-25` as a date and saves it as the
 * locale writes dates, `11/25/2026` (US) or `25/11/2026`, on every row: every sheet saved from it was
 * refused at row 2 as "not a date that exists" (tester 113). Such a sheet is read when it tells the order
 * of its dates' parts; a sheet that does not is refused, saying so.
 */
import { isCalendarDay } from '../util/dates.js';
import { MappingFileError } from './errors.js';
import { checkReviewDate } from './mapping-file.js';

export type DayOrder = 'month_first' | 'day_first';

/** `11/25/2026`, `25.11.2026`, `1-2-2026`: two parts of one or two digits, then the year. */
const LOCALE_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

interface Parts {
  first: number;
  second: number;
  year: string;
}

function localeParts(written: string): Parts | undefined {
  const m = LOCALE_DATE.exec(written);
  return m ? { first: Number(m[1]), second: Number(m[3]), year: m[4]! } : undefined;
}

function isoOf(p: Parts, order: DayOrder): string {
  const [month, day] = order === 'month_first' ? [p.first, p.second] : [p.second, p.first];
  return `${p.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const FIX =
  'Format the `reviewed_on` column as yyyy-mm-dd before saving (in Excel: select the column, Format Cells, Custom, yyyy-mm-dd), or export the mapping again and open it with that column imported as text.';

/** A sheet row's written `reviewed_on`, and the mapping's review date of its type when the row is unedited. */
export interface SheetDate {
  row: number;
  written: string;
  mappingDate?: string;
}

/**
 * The order of the sheet's dates when a spreadsheet rewrote them, undefined when none was. A first part
 * over 12 somewhere means day first, a second part over 12 month first; when no part tells, the order
 * under which unedited rows read as the mapping's own review dates, where the other order makes none do.
 */
export function sheetDayOrder(file: string, dates: readonly SheetDate[]): DayOrder | undefined {
  const local = dates.flatMap((d) => {
    const p = localeParts(d.written);
    return p ? [{ ...d, p }] : [];
  });
  if (!local.length) return undefined;
  // 13/13/2026 is no date either way, and tells nothing (it is refused as no date below).
  const dayFirst = local.find((d) => d.p.first > 12 && d.p.second <= 12);
  const monthFirst = local.find((d) => d.p.second > 12 && d.p.first <= 12);
  if (dayFirst && monthFirst)
    throw new MappingFileError(
      file,
      Math.max(dayFirst.row, monthFirst.row),
      'reviewed_on',
      `a spreadsheet rewrote the review dates in its own format, and in both orders: row ${dayFirst.row} has \`${dayFirst.written}\` (day first), row ${monthFirst.row} \`${monthFirst.written}\` (month first), so the order cannot be told`,
      FIX,
    );
  if (dayFirst) return 'day_first';
  if (monthFirst) return 'month_first';
  // Read the same either way (5/5/2026): the order does not matter.
  const ambiguous = local.filter((d) => d.p.first !== d.p.second);
  if (!ambiguous.length) return 'month_first';
  const matching = (order: DayOrder) =>
    ambiguous.filter((d) => d.mappingDate !== undefined && isoOf(d.p, order) === d.mappingDate).length;
  const m = matching('month_first');
  const d = matching('day_first');
  if (m > 0 && d === 0) return 'month_first';
  if (d > 0 && m === 0) return 'day_first';
  throw new MappingFileError(
    file,
    ambiguous[0]!.row,
    'reviewed_on',
    `\`${ambiguous[0]!.written}\` is a review date a spreadsheet rewrote in its own format (the export writes YYYY-MM-DD), and the order of its parts cannot be told: no part of the sheet's dates is over 12, and the rows not edited read as the mapping's review dates in neither order, or in both`,
    FIX,
  );
}

/** A row's `reviewed_on` as YYYY-MM-DD, read in the sheet's order when a spreadsheet rewrote it. */
export function readReviewDate(
  file: string,
  row: number,
  written: string,
  order: DayOrder | undefined,
): string {
  const p = localeParts(written);
  if (!p || !order) {
    checkReviewDate(file, row, written);
    return written;
  }
  const iso = isoOf(p, order);
  if (!isCalendarDay(iso))
    throw new MappingFileError(
      file,
      row,
      'reviewed_on',
      `\`${written}\` is not a date that exists (read ${order === 'month_first' ? 'month' : 'day'} first, as a spreadsheet wrote the sheet's dates: ${iso})`,
      'Write the review date as YYYY-MM-DD.',
    );
  return iso;
}
