/**
 * The canonical calls-for-service record every source is normalised into.
 * docs/schema.md is the reader-facing version of this file; a test keeps the two in step.
 */

export const ORIGINS = [
  '911',
  'non_emergency_phone',
  'officer_initiated',
  'alarm',
  'online',
  '311',
  'other',
  'unknown',
] as const;
export type Origin = (typeof ORIGINS)[number];

export const RESPONDERS = [
  'police',
  'fire',
  'ems',
  'behavioural_crisis',
  'traffic_control',
  'animal_control',
  'online_311',
  'other_civilian',
  'unknown',
] as const;
export type Responder = (typeof RESPONDERS)[number];

export const DISPOSITION_CLASSES = [
  'report',
  'arrest',
  'citation',
  'advised_assisted',
  'no_problem_found',
  'gone_unable_to_locate',
  'unfounded_false',
  'cancelled',
  'referred',
  'transported',
  'other',
  'unknown',
] as const;
export type DispositionClass = (typeof DISPOSITION_CLASSES)[number];

/** CAD stages after the call is received, in the order they normally happen. */
export const STAGES = ['queued', 'assigned', 'enroute', 'arrived', 'cleared', 'closed'] as const;
export type Stage = (typeof STAGES)[number];
/** The stages a responding unit's own log can time (a crisis team's), as against call handling's. */
export const UNIT_STAGES = ['assigned', 'enroute', 'arrived', 'cleared'] as const satisfies readonly Stage[];

/** Per-call data-quality flags set at ingest; counted in the ingest summary. */
export const TIME_FLAGS = [
  'dst_ambiguous', // some local time of the call fell in a fall-back hour; read call by call (docs/time.md)
  'dst_gap', // some local time fell in a spring-forward gap; shifted forward by the gap
  'negative_interval', // a stage is earlier than the received time
  'implausible_interval', // a stage is more than the profile's max_interval_hours after received
] as const;
export type TimeFlag = (typeof TIME_FLAGS)[number];

export interface CallColumn {
  name: string;
  /** DuckDB type of the column in the store's Parquet files. */
  type: string;
  doc: string;
}

const stageColumns: CallColumn[] = STAGES.map((s) => ({
  name: `${s}_at`,
  type: 'TIMESTAMPTZ',
  doc: `UTC instant of the ${s} stage (null when the export has none).`,
}));

export const CALL_COLUMNS: CallColumn[] = [
  { name: 'call_id', type: 'VARCHAR', doc: 'Stable id: `<source>:<source_call_id>`; unique in a store.' },
  { name: 'source', type: 'VARCHAR', doc: 'Source name from the profile (`minneapolis_cad`).' },
  {
    name: 'source_call_id',
    type: 'VARCHAR',
    doc: "The export's own incident number, without spaces, tabs or line ends around it.",
  },
  { name: 'received_at', type: 'TIMESTAMPTZ', doc: 'UTC instant the call was received (phone pickup).' },
  { name: 'received_local', type: 'TIMESTAMP', doc: 'Local wall-clock time the call was received.' },
  { name: 'time_zone', type: 'VARCHAR', doc: 'IANA zone of the local times (`America/Chicago`).' },
  { name: 'call_type_initial_raw', type: 'VARCHAR', doc: 'Initial call type as exported.' },
  { name: 'call_type_initial', type: 'VARCHAR', doc: 'Initial call type after the profile normalisers.' },
  { name: 'call_type_final_raw', type: 'VARCHAR', doc: 'Final call type as exported.' },
  { name: 'call_type_final', type: 'VARCHAR', doc: 'Final call type after the profile normalisers.' },
  { name: 'priority_initial', type: 'VARCHAR', doc: 'Initial priority code as the city uses it.' },
  { name: 'priority', type: 'VARCHAR', doc: 'Final priority code as the city uses it.' },
  { name: 'origin', type: 'VARCHAR', doc: `How the call came in: ${ORIGINS.join(', ')}.` },
  { name: 'disposition_raw', type: 'VARCHAR', doc: 'Disposition / clearance as exported.' },
  { name: 'disposition_class', type: 'VARCHAR', doc: `Normalised: ${DISPOSITION_CLASSES.join(', ')}.` },
  { name: 'cancel_reason', type: 'VARCHAR', doc: 'Cancel reason as exported, when the CAD has one.' },
  { name: 'response_plan', type: 'VARCHAR', doc: 'CAD response plan as exported.' },
  { name: 'agency_raw', type: 'VARCHAR', doc: 'Responding agency as exported.' },
  { name: 'responder', type: 'VARCHAR', doc: `Who actually responded: ${RESPONDERS.join(', ')}.` },
  ...stageColumns,
  { name: 'precinct', type: 'VARCHAR', doc: 'Police precinct / district.' },
  { name: 'sector', type: 'VARCHAR', doc: 'Sector or beat group.' },
  { name: 'beat', type: 'VARCHAR', doc: 'Beat.' },
  { name: 'neighborhood', type: 'VARCHAR', doc: 'Neighborhood name.' },
  { name: 'postal_code', type: 'VARCHAR', doc: 'ZIP / postal code.' },
  {
    name: 'lat',
    type: 'DOUBLE',
    doc: 'Latitude (WGS84), often blurred by the city; the point (0, 0) is read as missing.',
  },
  { name: 'lon', type: 'DOUBLE', doc: 'Longitude (WGS84).' },
  {
    name: 'block_address',
    type: 'VARCHAR',
    doc: 'Address coarsened to block level (`3XX 1ST AVE N`); never a house number.',
  },
  { name: 'time_flags', type: 'VARCHAR[]', doc: `Data-quality flags: ${TIME_FLAGS.join(', ')}.` },
  { name: 'source_file', type: 'VARCHAR', doc: 'Base name of the file the record came from.' },
  {
    name: 'source_row',
    type: 'BIGINT',
    doc: 'Data row in that file (1 = first row after the header), as a spreadsheet numbers it less one.',
  },
  { name: 'ingest_run', type: 'INTEGER', doc: 'Ingest run that wrote the record (see the store manifest).' },
];

export const CALL_COLUMN_NAMES = CALL_COLUMNS.map((c) => c.name);
