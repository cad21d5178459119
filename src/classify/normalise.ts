/**
 * From a raw CAD call type to (1) a display form a person recognises, (2) a lookup key, and (3) the
 * tokens the matcher compares. Cities decorate types differently (discipline suffixes, agency suffixes,
 * leading dashes, zero-padded codes, abbreviations), and an unseen city's types arrive raw, so none of
 * this may rely on the ingest profile's own normalisers.
 */
import type { Abbreviation } from './taxonomy.js';

/** Discipline suffixes such as (P) (PE) (PFE) (UM), with or without a space, possibly cut off. */
const DISCIPLINE_SUFFIX = /\s*\(\s*(?:P|PE|PF|PFE|FE|F|E|EMS|UM|U|M)?\s*\)?\s*$/i;
/** Agency suffixes such as `~PD`, `~FIRE`. */
const AGENCY_SUFFIX = /\s*~\s*[A-Za-z]+\s*$/;

/** The raw type with CAD decoration removed, case kept: `Theft (P)~PD` -> `Theft`. */
export function normaliseType(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(AGENCY_SUFFIX, '').replace(DISCIPLINE_SUFFIX, '').trim();
    if (s === before) break;
  }
  s = s.replace(/^[-\s]+/, '').replace(/[-\s]+$/, '');
  // Zero-padded numeric codes (`0415 THEFT`, `00415`) are the same code as `415`.
  s = s.replace(/\b0+(\d)/g, '$1');
  return s;
}

/** Lookup key: lower case, letters and digits only, single spaces. Two raw types with one key are one type. */
export function typeKey(raw: string): string {
  return normaliseType(raw)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'for',
  'and',
  'or',
  'on',
  'at',
  'by',
  'from',
  'is',
  'with',
  'w',
  'in',
  'only',
  'etc',
  'incl',
  'includes',
  'including',
  'include',
  'type',
  'any',
  // Read as a truncation of `overdose`: `ARGUMENT OVER CUSTODY` was an overdose (tester 152).
  'over',
  'p',
]);

/** Light suffix stripping so `shootings`, `shooting`, `shoot` compare equal; applied to every side alike. */
export function stem(t: string): string {
  if (/^\d+$/.test(t)) return t.replace(/^0+(\d)/, '$1');
  if (t.length > 4 && t.endsWith('ies')) return t.slice(0, -3) + 'y';
  if (t.length > 5 && t.endsWith('ing')) return t.slice(0, -3);
  if (t.length > 5 && t.endsWith('ed') && !t.endsWith('eed')) return t.slice(0, -2);
  if (t.length > 3 && t.endsWith('s') && !/(ss|us|is)$/.test(t)) return t.slice(0, -1);
  return t;
}

/** Surface rewrites done on the text before it is split into words. */
function rewrite(s: string): string {
  return (
    ` ${s.toLowerCase()} `
      .replace(/9-1-1/g, '911')
      .replace(/\bw\/o\b/g, ' without ')
      .replace(/\bhit\s*(?:\/|&|and|-)\s*run\b/g, ' hit and run ')
      .replace(/\bh\s*[/&]\s*r\b/g, ' hit and run ')
      .replace(/\bw\//g, ' with ')
      .replace(/&/g, ' and ')
      .replace(/([a-z])\.(?=[a-z]\b|[a-z]\.)/g, '$1')
      .replace(/\bin[\s-]*progress\b/g, ' inprogress ')
      .replace(/\bon[\s-]*view\b/g, ' onview ')
      // A person held by the police, not a child's custody (`PERSON IN CUSTODY` was a custody dispute).
      .replace(/\b(?:in|into)\s+(?:police\s+)?custody\b/g, ' prisoner ')
      .replace(EXCLUDED, (_, scope: string) => ` ${excluded(scope)} `)
  );
}

/**
 * What a type says it is not, up to the end of its bracket or part (`(EXCEPT ABANDONED CAR)`, `THEFT (DOES
 * NOT INCLUDE SHOPLIFT OR SVCS)`): its words were read as what it is, and `PARKING VIOLATION (EXCEPT
 * ABANDONED CAR)` got the abandoned-vehicle code, the theft the shoplifting one (tester 141).
 */
const EXCLUDED =
  /\b(?:except|excluding|excludes?|excl|other than|(?:(?:does|do)\s+)?not\s+includ(?:e|es|ing))\b([^()\-;,]*)/g;

/** Each word of the scope negated as `not` negates the next word (below); joining words are dropped. */
function excluded(scope: string): string {
  return scope
    .split(/[^a-z0-9/]+/)
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map((w) => `not ${w}`)
    .join(' ');
}

export interface TokenOptions {
  abbreviations: Abbreviation[];
}

export function buildAbbreviationIndex(abbrs: Abbreviation[]): Map<string, Abbreviation[]> {
  const m = new Map<string, Abbreviation[]>();
  for (const a of abbrs) {
    const list = m.get(a.abbreviation) ?? [];
    list.push(a);
    m.set(a.abbreviation, list);
  }
  return m;
}

/**
 * Words of a type after abbreviation expansion, negation joining (`non injury` -> `noinjury`),
 * stop-word removal and stemming. The same function turns lexicon phrases and titles into tokens, so
 * both sides of every comparison went through identical steps.
 */
export function tokens(text: string, abbr: Map<string, Abbreviation[]>): string[] {
  const raw = rewrite(text)
    .split(/[^a-z0-9/]+/)
    .flatMap((w) => (w.includes('/') ? (abbr.has(w) ? [w] : w.split('/')) : [w]))
    .filter((w) => w !== '');
  // Unconditional expansions first, so conditional ones can look at the expanded words.
  const firstPass = raw.map((w) => {
    const list = abbr.get(w);
    const plain = list?.find((a) => a.onlyWith.length === 0);
    return { w, list, plain };
  });
  const context = new Set<string>();
  for (const x of firstPass) {
    context.add(x.w);
    if (x.plain) for (const t of x.plain.expansion.split(' ')) context.add(t);
  }
  // One group per raw word, so a negation covers a whole expansion (`not dv` negates domestic and violence).
  const groups: string[][] = [];
  for (const { w, list, plain } of firstPass) {
    if (!list) {
      groups.push([w]);
      continue;
    }
    const conditional = list.find((a) => a.onlyWith.length > 0 && a.onlyWith.some((c) => context.has(c)));
    const chosen = conditional ?? plain;
    groups.push(chosen ? chosen.expansion.split(' ') : [w]);
  }
  const out: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const w = g.length === 1 ? g[0]! : '';
    if ((w === 'non' || w === 'no' || w === 'not' || w === 'without') && i + 1 < groups.length) {
      // Over joining words: `NOT WITH WEAPON` negated `with`, and the weapon stood (tester 146).
      let j = i + 1;
      while (j + 1 < groups.length && groups[j]!.length === 1 && STOPWORDS.has(groups[j]![0]!)) j++;
      for (const t of groups[j]!) out.push('no' + stem(t));
      i = j;
      continue;
    }
    for (const t of g) {
      if (t.startsWith('non') && t.length > 6) out.push('no' + stem(t.slice(3)));
      else if (!STOPWORDS.has(t)) out.push(stem(t));
    }
  }
  return out;
}

/**
 * A `from` phrase up to the end of its part (a bracket, a ` - `, a comma) or an `and` / `or`: `theft from
 * vehicle`, `Larceny - from Motor Vehicle`.
 */
const FROM_PHRASE = /\bfrom\b(.*?)(?=\s-|-\s|[()[\],;:]|\band\b|\bor\b|$)/g;

/**
 * The tokens of `text` that name where something came from: those of its `from` phrases. `from` is a stop
 * word, and without it `THEFT FROM VEHICLE` (a larceny) and `VEHICLE THEFT` (a stolen vehicle) had the
 * same tokens, the lexicon's order choosing the larceny for both (helper D113). The matcher counts a word
 * as shared only when it has this role in both texts or in neither; `of` needs no role, its object being
 * what a type names (`THEFT OF VEHICLE` is a vehicle theft).
 */
export function sourceTokens(text: string, abbr: Map<string, Abbreviation[]>): string[] {
  const all = new Set(tokens(text, abbr));
  const out = new Set<string>();
  for (const m of rewrite(text).matchAll(FROM_PHRASE))
    for (const t of tokens(m[1]!, abbr)) if (all.has(t)) out.add(t);
  return [...out];
}
