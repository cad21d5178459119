/**
 * The CAD intervals safegap reports, each from one timestamp to another (docs/metrics.md defines them).
 * Ingest uses them to flag negative and implausible intervals; the analysis uses them for every figure of
 * time.
 */
export const INTERVALS = [
  { name: 'call_taking', from: 'received', to: 'queued', label: 'Call-taking (pickup to queued)' },
  { name: 'queue', from: 'queued', to: 'assigned', label: 'Queue (queued to first unit assigned)' },
  { name: 'dispatch', from: 'assigned', to: 'enroute', label: 'Dispatch (assigned to en route)' },
  { name: 'travel', from: 'enroute', to: 'arrived', label: 'Travel (en route to arrived)' },
  { name: 'response', from: 'received', to: 'arrived', label: 'Response (pickup to first arrival)' },
  { name: 'on_scene', from: 'arrived', to: 'cleared', label: 'Time on scene (arrived to cleared)' },
  { name: 'total', from: 'received', to: 'closed', label: 'Total (pickup to closed)' },
  // The first unit's commitment to a call (dispatch + travel + on scene): the capacity planner's service
  // time, because a unit is unavailable for other calls from the moment it is assigned. Ingest flags it
  // too: a call cleared before its unit was assigned went unflagged when only the analysis knew it.
  { name: 'committed', from: 'assigned', to: 'cleared', label: 'Committed (first unit assigned to cleared)' },
] as const;

export type IntervalName = (typeof INTERVALS)[number]['name'];

/**
 * What the received times record (profiles' `timestamps.received_is`): the pickup, the call entering the
 * queue (an export without a pickup time, as Seattle's), or both, by source.
 */
export type ReceivedIs = 'pickup' | 'queue' | 'mixed';

/** The received stage in words: `short` in labels ("Response (pickup to first arrival)"), `event` in text. */
export function receivedWords(r: ReceivedIs): { short: string; event: string } {
  if (r === 'queue') return { short: 'queue entry', event: 'the call entering the queue' };
  if (r === 'mixed')
    return {
      short: 'pickup or queue entry',
      event: 'the call being picked up (or entering the queue, in sources without a pickup time)',
    };
  return { short: 'pickup', event: 'the call being picked up' };
}

/** An interval's label with the received stage named as the data record it. */
export function intervalLabel(label: string, r: ReceivedIs): string {
  // Without a pickup time call-taking is unknown, and says why: "queue entry to queued" named an interval
  // from the queue to itself (tester 165).
  if (r === 'queue' && label.startsWith('Call-taking')) return 'Call-taking (no pickup time recorded)';
  return label.replace('pickup', receivedWords(r).short);
}

/** Two stages of a call, from and to (an interval of INTERVALS, or another pair of stages). */
export interface StagePair {
  from: string;
  to: string;
}

/**
 * SQL for an interval in whole microseconds over canonical `<stage>_at` columns; null when either end is
 * missing. Exact: subtracting two epoch() values (about 1.7e9 s) would lose the last digits of a fraction
 * of a second.
 */
export function intervalMicrosSql(i: StagePair, at: (stage: string) => string = stageAt): string {
  return `(epoch_us(${at(i.to)}) - epoch_us(${at(i.from)}))`;
}

/** The same in seconds (DOUBLE). */
export function intervalSecondsSql(i: StagePair, at: (stage: string) => string = stageAt): string {
  return `(${intervalMicrosSql(i, at)} / 1000000)`;
}

/** A stage's canonical time column. */
export const stageAt = (stage: string): string => `${stage}_at`;

/**
 * The stages of an interval where the received time may be the queue entry (`timestamps.received_is:
 * queue`, SQL `receivedIsQueue`): such a source's queue interval runs from its received time when it
 * records no queue time of its own. Seattle's dispatch export is published for its delay from the queue
 * to the first dispatch, and every one read as missing, since no queue time was mapped and none can be
 * (it is the received time). Only the queue interval: call-taking, from pickup to the queue, stays
 * missing for such a source (taken from the received time too, it read 0 for every call).
 */
export function intervalStages(i: { name: string }, receivedIsQueue: string): (stage: string) => string {
  if (i.name !== 'queue' || receivedIsQueue === 'false') return stageAt;
  return (stage) =>
    stage === 'queued'
      ? `CASE WHEN ${receivedIsQueue} THEN coalesce(queued_at, received_at) ELSE queued_at END`
      : stageAt(stage);
}

/** The same for one source's calls, by its profile's `received_is`. */
export const sourceStages = (
  i: { name: string },
  receivedIs: 'pickup' | 'queue',
): ((stage: string) => string) => intervalStages(i, receivedIs === 'queue' ? 'true' : 'false');
