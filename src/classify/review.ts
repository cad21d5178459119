/**
 * The analyst's review: unreviewed types highest call volume first, each shown with example records and
 * the classifier's top suggestions, decided with one short line of keyboard input. Every decision is
 * saved at once, so quitting (or a crash) loses nothing and the next session resumes at the next type.
 */
import { classifyType, type Candidate, type ClassifierIndex } from './classifier.js';
import { UNMAPPABLE, type MappingEntry } from './mapping-file.js';
import type { Taxonomy } from './taxonomy.js';

export type Decision =
  | { kind: 'accept'; low: boolean }
  | { kind: 'choose'; candidate: number; low: boolean }
  | { kind: 'category'; category: string; low: boolean }
  | { kind: 'unmappable'; low: boolean }
  | { kind: 'skip' }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'invalid'; reason: string };

/** Confidence a reviewer's decision is recorded with; `?` after a key marks the reviewer unsure. */
export const SURE = 1;
export const UNSURE = 0.6;

export const REVIEW_HELP = [
  'Enter or a   accept the first suggestion',
  '2 .. 9       choose that suggestion',
  'c ID         choose a category by id (a unique prefix is enough, e.g. `c noi` for noise)',
  'u            unmappable (not a real call type)',
  's            skip for now (comes back next session)',
  'q            save and quit',
  'add ? to a choice (a?, 2?, c noise?) to record that you are unsure (confidence 0.6 instead of 1)',
].join('\n');

export function parseDecision(line: string, tax: Taxonomy, candidates: number): Decision {
  let s = line.trim().toLowerCase();
  const low = s.endsWith('?') && s.length > 1;
  if (low) s = s.slice(0, -1).trim();
  if (s === '' || s === 'a' || s === '1') return { kind: 'accept', low };
  if (s === '?' || s === 'h' || s === 'help') return { kind: 'help' };
  if (s === 'u') return { kind: 'unmappable', low };
  if (s === 's') return { kind: 'skip' };
  if (s === 'q') return { kind: 'quit' };
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n < 1 || n > candidates)
      return {
        kind: 'invalid',
        // "there are 1 suggestions" (tester 349).
        reason: candidates === 1 ? 'there is 1 suggestion' : `there are ${candidates} suggestions`,
      };
    return { kind: 'choose', candidate: n, low };
  }
  const m = /^c\s+(\S+)$/.exec(s);
  if (m) {
    const ids = tax.categories.map((c) => c.id);
    const exact = ids.find((id) => id === m[1]);
    const matches = exact ? [exact] : ids.filter((id) => id.startsWith(m[1]!));
    if (matches.length === 1) return { kind: 'category', category: matches[0]!, low };
    return {
      kind: 'invalid',
      reason: matches.length
        ? `\`${m[1]}\` matches ${matches.join(', ')}`
        : `no category starts with \`${m[1]}\``,
    };
  }
  return { kind: 'invalid', reason: `\`${line.trim()}\` is not a choice (type ? for help)` };
}

export interface ReviewItem {
  entry: MappingEntry;
  volume: number;
}

/** Unreviewed entries, highest call volume first. */
export function reviewQueue(
  entries: readonly MappingEntry[],
  volumes: ReadonlyMap<string, number>,
): ReviewItem[] {
  return entries
    .filter((e) => e.provenance !== 'reviewed')
    .map((entry) => ({ entry, volume: volumes.get(entry.rawType) ?? entry.volume ?? 0 }))
    .sort((a, b) => b.volume - a.volume || a.entry.rawType.localeCompare(b.entry.rawType));
}

export function decide(
  tax: Taxonomy,
  entry: MappingEntry,
  candidates: readonly Candidate[],
  d: Decision,
  reviewer: string,
  date: string,
): MappingEntry | undefined {
  const stamp = { provenance: 'reviewed' as const, reviewer, reviewedOn: date };
  switch (d.kind) {
    case 'accept':
      return { ...entry, ...stamp, confidence: d.low ? UNSURE : SURE };
    case 'choose': {
      const c = candidates[d.candidate - 1]!;
      return withCategory(tax, entry, c.category, c.apcoCode, d.low, stamp);
    }
    case 'category':
      return withCategory(
        tax,
        entry,
        d.category,
        candidates.find((x) => x.category === d.category)?.apcoCode,
        d.low,
        stamp,
      );
    case 'unmappable': {
      const out: MappingEntry = {
        ...entry,
        ...stamp,
        category: UNMAPPABLE,
        tier: 'non_criminal',
        flags: [],
        confidence: d.low ? UNSURE : SURE,
      };
      delete out.apcoCode;
      return out;
    }
    default:
      return undefined;
  }
}

function withCategory(
  tax: Taxonomy,
  entry: MappingEntry,
  category: string,
  apcoCode: string | undefined,
  low: boolean,
  stamp: { provenance: 'reviewed'; reviewer: string; reviewedOn: string },
): MappingEntry {
  // A code chosen with the category wins; else keep the entry's code if it belongs to the new category.
  const keep =
    entry.apcoCode && tax.apcoByCode.get(entry.apcoCode)?.category === category ? entry.apcoCode : undefined;
  // No code is made up: the first code of the category in file order recorded `noise / FIREWRKS` for a
  // reviewer who chose noise. Without one, a new category's tier is the one most of its codes have.
  const code = apcoCode ?? keep;
  const out: MappingEntry = { ...entry, ...stamp, category, confidence: low ? UNSURE : SURE };
  if (code) {
    out.apcoCode = code;
    if (category !== entry.category) out.tier = tax.apcoByCode.get(code)!.tier;
  } else {
    delete out.apcoCode;
    if (category !== entry.category) {
      const tiers = new Map<string, number>();
      for (const a of tax.apco) if (a.category === category) tiers.set(a.tier, (tiers.get(a.tier) ?? 0) + 1);
      const modal = [...tiers].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (modal) out.tier = modal as MappingEntry['tier'];
    }
  }
  return out;
}

export interface ReviewIo {
  print(text: string): void;
  /** Next line typed, or undefined when input ends. */
  ask(prompt: string): Promise<string | undefined>;
}

export interface ReviewSession {
  tax: Taxonomy;
  index: ClassifierIndex;
  entries: MappingEntry[];
  volumes: ReadonlyMap<string, number>;
  reviewer: string;
  date: string;
  topK?: number;
  examples?: (rawType: string) => Promise<Record<string, string>[]>;
  save: (entries: MappingEntry[]) => void;
}

export interface ReviewOutcome {
  reviewed: number;
  skipped: number;
  remaining: number;
  quit: boolean;
}

export async function runReview(s: ReviewSession, io: ReviewIo): Promise<ReviewOutcome> {
  const queue = reviewQueue(s.entries, s.volumes);
  const total = s.entries.length;
  let reviewed = 0;
  let skipped = 0;
  io.print(`${queue.length} of ${total} types to review, highest call volume first. Type ? for help.`);
  for (const [n, item] of queue.entries()) {
    const c = classifyType(s.index, item.entry.rawType, { topK: s.topK ?? 5 });
    // The entry's own current category is always suggestion 1, so Enter keeps what the file says.
    const own: Candidate = {
      category: item.entry.category,
      ...(item.entry.apcoCode ? { apcoCode: item.entry.apcoCode } : {}),
      score: c.score,
      via: 'current mapping',
    };
    const candidates = [own, ...c.candidates.filter((x) => x.category !== own.category)].slice(
      0,
      Math.max(1, s.topK ?? 5),
    );
    io.print('');
    io.print(
      `[${n + 1}/${queue.length}] ${item.entry.rawType}   (${item.volume.toLocaleString('en-US')} calls; confidence ${item.entry.confidence.toFixed(2)})`,
    );
    for (const ex of (await s.examples?.(item.entry.rawType)) ?? [])
      io.print(
        `    e.g. ${Object.entries(ex)
          .map(([k, v]) => `${k}=${v}`)
          .join('  ')}`,
      );
    candidates.forEach((x, i) => {
      const cat = s.tax.categoryById.get(x.category);
      io.print(
        `  ${i + 1}. ${x.category}${x.apcoCode ? ` / ${x.apcoCode}` : ''} ${cat ? `(${cat.name})` : ''}  [${x.via}]`,
      );
    });
    for (;;) {
      const line = await io.ask('accept [Enter], 2-9, c ID, u, s, q, ? > ');
      const d: Decision =
        line === undefined ? { kind: 'quit' } : parseDecision(line, s.tax, candidates.length);
      if (d.kind === 'help') {
        for (const line of REVIEW_HELP.split('\n')) io.print(line);
        continue;
      }
      if (d.kind === 'invalid') {
        io.print(`  ${d.reason}`);
        continue;
      }
      if (d.kind === 'quit') return { reviewed, skipped, remaining: queue.length - n, quit: true };
      if (d.kind === 'skip') {
        skipped++;
        break;
      }
      const updated = decide(s.tax, item.entry, [...candidates, ...c.candidates], d, s.reviewer, s.date)!;
      const i = s.entries.indexOf(item.entry);
      s.entries[i] = updated;
      s.save(s.entries);
      reviewed++;
      io.print(
        `  -> ${updated.category}${updated.apcoCode ? ` / ${updated.apcoCode}` : ''} (confidence ${updated.confidence})`,
      );
      break;
    }
  }
  return { reviewed, skipped, remaining: skipped, quit: false };
}
