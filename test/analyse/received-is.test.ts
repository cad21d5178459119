/**
 * What a store's received times record, from the profiles its sources were last ingested with: Seattle's
 * exports have no pickup time, so their response times run from the queue (docs/profiles.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receivedIs } from '../../src/analyse/store-inputs.js';
import { resolveProfilePath } from '../../src/sources/load-profile.js';
import type { RunRecord, StoreState } from '../../src/store/store.js';
import { intervalLabel, receivedWords } from '../../src/time/intervals.js';

/** A store state whose sources were ingested with these built-in profiles, with these calls each. */
function stateOf(sources: [profile: string, source: string, calls: number][]): StoreState {
  const profiles: StoreState['manifest']['profiles'] = {};
  const runs: RunRecord[] = [];
  sources.forEach(([profile, source], i) => {
    profiles[`sha-${i}`] = { source, name: profile, text: readFileSync(resolveProfilePath(profile), 'utf8') };
    runs.push({ run: i + 1, source, profile_sha256: `sha-${i}` } as RunRecord);
  });
  return {
    dir: '/nowhere',
    versionDir: '/nowhere/v1',
    manifest: {
      format: 'safegap-store',
      format_version: 1,
      version: 'v000001',
      created_at: '2026-11-30T00:00:00Z',
      runs,
      profiles,
      sources: Object.fromEntries(
        sources.map(([, source, calls]) => [source, { calls, file: `${source}.parquet` }]),
      ),
    },
  };
}

describe('received_is', () => {
  it('is the queue for Seattle, the pickup elsewhere, mixed when sources with calls differ', () => {
    expect(receivedIs(stateOf([['seattle-call-data', 'seattle_calls', 222]]))).toBe('queue');
    expect(receivedIs(stateOf([['seattle-spd-dispatch', 'seattle_dispatch', 1000]]))).toBe('queue');
    expect(receivedIs(stateOf([['minneapolis-cad', 'minneapolis_cad', 63306]]))).toBe('pickup');
    const mixed: [string, string, number][] = [
      ['minneapolis-cad', 'minneapolis_cad', 63306],
      ['seattle-call-data', 'seattle_calls', 222],
    ];
    expect(receivedIs(stateOf(mixed))).toBe('mixed');
    // A source left with no calls says nothing of the calls there are.
    expect(receivedIs(stateOf([mixed[0]!, ['seattle-call-data', 'seattle_calls', 0]]))).toBe('pickup');
  });

  it('names the stage in interval labels and text', () => {
    expect(intervalLabel('Response (pickup to first arrival)', 'queue')).toBe(
      'Response (queue entry to first arrival)',
    );
    expect(intervalLabel('Response (pickup to first arrival)', 'pickup')).toBe(
      'Response (pickup to first arrival)',
    );
    expect(receivedWords('mixed').short).toBe('pickup or queue entry');
    // Not "queue entry to queued", an interval from the queue to itself (tester 165).
    expect(intervalLabel('Call-taking (pickup to queued)', 'queue')).toBe(
      'Call-taking (no pickup time recorded)',
    );
    expect(intervalLabel('Call-taking (pickup to queued)', 'mixed')).toBe(
      'Call-taking (pickup or queue entry to queued)',
    );
  });
});
