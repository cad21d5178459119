/**
 * How the synthetic city answers calls: call sources, responders and their staffed hours, dispositions,
 * and the skewed interval distributions between CAD stages. Figures are loosely calibrated on
 * Minneapolis 2022 Q4 (medians: P1 queue about 1 min and travel 7 min, P2 queue 13 min; about 20% of
 * calls without an arrival) and on published alternative-response programs (docs/synthetic-city.md).
 */

/** `call_source` values, in the order of the SOURCE_MIXES columns. */
export const SOURCES = ['911', 'PHONE', 'SELF', 'ALARM', 'ONLINE', '311'] as const;
export const SRC_911 = 0;
export const SRC_PHONE = 1;
export const SRC_SELF = 2;
export const SRC_ALARM = 3;
export const SRC_ONLINE = 4;
export const SRC_311 = 5;

/** `responder_type` values. */
export const RESPONDER_TYPES = [
  'POLICE',
  'BCR',
  'TRAFFIC',
  'ANIMAL',
  '311',
  'ONLINE',
  'FIRE',
  'EMS',
] as const;
export type ResponderType = (typeof RESPONDER_TYPES)[number];
export const R_POLICE = 0;
export const R_BCR = 1;
export const R_TRAFFIC = 2;
export const R_ANIMAL = 3;
export const R_311 = 4;
export const R_ONLINE = 5;
export const R_FIRE = 6;
export const R_EMS = 7;

/**
 * Local hours [from, to) when the civilian teams work, every day. Eligible calls outside them go to the
 * police, which is the gap a ResponseStat routine would look for.
 */
export const STAFFED_HOURS = {
  BCR: [7, 23],
  TRAFFIC: [10, 20],
  ANIMAL: [7, 21],
} as const satisfies Record<string, readonly [number, number]>;

export const DISPOSITIONS = {
  RPT: 'RPT-Report',
  ADV: 'ADV-Advised',
  AST: 'AST-Assist',
  AOK: 'AOK- All OK',
  AQT: 'AQT-All Quiet',
  GOA: 'GOA-Gone on Arrival',
  UTL: 'UTL-Unable to Locate',
  UNF: 'UNF-Unfounded',
  FAL: 'FAL-False Alarm',
  ARR: 'ARR-Arrest',
  CIT: 'CIT-Citation',
  TRN: 'TRN-Transport',
  TOW: 'TOW-Towed',
  SEC: 'SEC-Secured',
  INF: 'INF-Information',
  INS: 'INS-In Service',
  RFD: 'RFD-Refused',
  CNL: 'CNL-Cancel',
  NOS: 'NOS-No Unit Available',
  REF: 'REF-Referred to 311',
} as const;
export type DispositionCode = keyof typeof DISPOSITIONS;

/** Disposition shares for calls a unit arrived at, by the kind of call. */
export const DISPOSITION_MIXES = {
  crime: { RPT: 0.5, ADV: 0.1, GOA: 0.12, UTL: 0.05, ARR: 0.08, UNF: 0.05, AST: 0.06, CIT: 0.04 },
  report: { RPT: 0.8, ADV: 0.08, INF: 0.06, AST: 0.06 },
  disorder: {
    ADV: 0.3,
    GOA: 0.2,
    AOK: 0.12,
    AST: 0.1,
    RPT: 0.08,
    ARR: 0.05,
    UNF: 0.07,
    CIT: 0.03,
    UTL: 0.05,
  },
  suspicious: { AOK: 0.3, GOA: 0.2, UTL: 0.12, ADV: 0.12, RPT: 0.1, ARR: 0.04, INF: 0.07, UNF: 0.05 },
  violent: { RPT: 0.45, ARR: 0.15, GOA: 0.12, UTL: 0.1, UNF: 0.06, ADV: 0.06, AST: 0.06 },
  domestic: { RPT: 0.4, ADV: 0.25, ARR: 0.15, GOA: 0.1, AST: 0.06, UNF: 0.04 },
  shots: { UTL: 0.3, GOA: 0.2, RPT: 0.3, UNF: 0.15, ARR: 0.05 },
  welfare: { AOK: 0.35, AST: 0.25, TRN: 0.12, ADV: 0.1, GOA: 0.1, UTL: 0.05, RFD: 0.03 },
  crisis: { TRN: 0.3, AST: 0.3, ADV: 0.15, RFD: 0.1, GOA: 0.1, ARR: 0.05 },
  bcr: { AST: 0.4, TRN: 0.2, ADV: 0.2, RFD: 0.12, GOA: 0.08 },
  alarm: { FAL: 0.5, AOK: 0.25, SEC: 0.12, GOA: 0.07, RPT: 0.05, ARR: 0.01 },
  collision: { RPT: 0.55, AST: 0.2, TOW: 0.1, CIT: 0.1, GOA: 0.05 },
  trafficStop: { CIT: 0.45, ADV: 0.38, ARR: 0.07, TOW: 0.05, INF: 0.05 },
  parking: { CIT: 0.4, TOW: 0.2, ADV: 0.15, GOA: 0.15, UNF: 0.1 },
  medical: { TRN: 0.55, AST: 0.35, AOK: 0.1 },
  patrol: { AQT: 0.55, INS: 0.3, AOK: 0.15 },
  assist: { AST: 0.7, INF: 0.15, ADV: 0.15 },
  animal: { AST: 0.35, GOA: 0.2, RPT: 0.15, ADV: 0.2, UTL: 0.1 },
  info: { INF: 0.6, ADV: 0.2, RPT: 0.2 },
  hangUp: { AOK: 0.4, UTL: 0.25, GOA: 0.15, ADV: 0.1, UNF: 0.1 },
  noise: { ADV: 0.45, GOA: 0.25, AQT: 0.15, CIT: 0.05, UNF: 0.1 },
  online: { RPT: 1 },
  callCentre: { RPT: 0.55, INF: 0.45 },
} as const satisfies Record<string, Partial<Record<DispositionCode, number>>>;
export type DispositionMix = keyof typeof DISPOSITION_MIXES;

/** Share of rows with an empty disposition (Minneapolis: 9%, mostly calls closed without one). */
export const EMPTY_DISPOSITION = 0.07;
/** Share of rows with a second disposition appended (`CNL-Cancel,INF-Information`, quoted in the CSV). */
export const DOUBLE_DISPOSITION = 0.002;

/** Lognormal [median seconds, sigma] of call taking (received to queued), by call source. */
export const TAKE: readonly (readonly [number, number])[] = [
  [75, 0.6], // 911
  [120, 0.7], // PHONE
  [8, 0.8], // SELF
  [45, 0.5], // ALARM
  [0, 0], // ONLINE (no queue)
  [0, 0], // 311 (no queue)
];

/** Queue (queued to dispatched): police by priority 1..5; civilian teams and fire/EMS by responder. */
export const POLICE_QUEUE: readonly (readonly [number, number])[] = [
  [50, 0.9],
  [420, 1.1],
  [900, 1.2],
  [1500, 1.2],
  [2400, 1.2],
];
export const TEAM_QUEUE: Partial<Record<number, readonly [number, number]>> = {
  [R_BCR]: [480, 0.9],
  [R_TRAFFIC]: [600, 1.0],
  [R_ANIMAL]: [1500, 1.0],
  [R_FIRE]: [40, 0.5],
  [R_EMS]: [45, 0.5],
};

/** Travel (en route to arrived). */
export const POLICE_TRAVEL: readonly (readonly [number, number])[] = [
  [300, 0.6],
  [420, 0.6],
  [540, 0.65],
  [600, 0.7],
  [660, 0.7],
];
export const TEAM_TRAVEL: Partial<Record<number, readonly [number, number]>> = {
  [R_BCR]: [780, 0.5],
  [R_TRAFFIC]: [660, 0.55],
  [R_ANIMAL]: [1080, 0.55],
  [R_FIRE]: [330, 0.4],
  [R_EMS]: [360, 0.4],
};

/** On-scene time: the type's median times this factor, lognormal with this sigma. */
export const SCENE_FACTOR: readonly number[] = [1, 1.1, 0.9, 1, 1, 1, 1.2, 1];
export const SCENE_SIGMA = 0.85;

/** Chance a dispatched call is cancelled before a unit is assigned, by priority 1..5. */
export const CANCEL_BEFORE_DISPATCH = [0.05, 0.1, 0.15, 0.17, 0.2];
/** Chance a call is cancelled after assignment, before a unit arrives. */
export const CANCEL_EN_ROUTE = [0.04, 0.05, 0.06, 0.06, 0.06];
/** Chance a low-priority call is closed because no unit was free, at average load, by priority 1..5. */
export const NO_UNIT = [0, 0, 0.01, 0.03, 0.05];
/** Share of arrived calls whose en-route time was never recorded (the unit went straight to arrived). */
export const MISSING_ENROUTE = 0.03;
/** Longest any single interval may be, in seconds. */
export const MAX_INTERVAL = 12 * 3600;

/** Closing an online report (reviewed by a clerk) and a 311 call, [median seconds, sigma]. */
export const ONLINE_CLOSE: readonly [number, number] = [4 * 3600, 1.0];
export const CALL_CENTRE_CLOSE: readonly [number, number] = [15 * 60, 0.8];
