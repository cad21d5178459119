/**
 * The built-in taxonomy: categories (with the Vera crosswalk), APCO/NENA incident types, severity tiers,
 * the synonym lexicon, CAD abbreviations and the responder eligibility rules. All are data files under
 * `taxonomy/`; this module reads and validates them into typed records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseCsv } from './csv.js';
import { MappingFileError } from './errors.js';
import { taxonomyDir } from './paths.js';

export const TIERS = [
  'non_criminal',
  'misdemeanour',
  'non_violent_felony',
  'serious_violent_felony',
] as const;
export type Tier = (typeof TIERS)[number];

export const FLAGS = [
  'report',
  'in_progress',
  'weapon',
  'violence',
  'injury',
  'no_injury',
  'medical',
] as const;
export type Flag = (typeof FLAGS)[number];

export const PHASES = ['current', 'near_term', 'potential'] as const;
export type Phase = (typeof PHASES)[number];

export interface Category {
  id: string;
  name: string;
  veraCategory: string;
  /** Lower wins when two categories fit a type about equally well (`Domestic with Weapons` is domestic). */
  precedence: number;
  definition: string;
}

export interface ApcoType {
  code: string;
  title: string;
  category: string;
  tier: Tier;
}

export interface LexiconEntry {
  phrase: string;
  apcoCode?: string;
  category?: string;
  flags: Flag[];
  row: number;
}

export interface Abbreviation {
  abbreviation: string;
  expansion: string;
  /** The expansion applies only if one of these (already expanded) tokens is in the type. */
  onlyWith: string[];
}

export interface EligibilityRule {
  responder: string;
  phase: Phase;
  categories: 'all' | string[];
  unless: Flag[];
  requires: Flag[];
  /** APCO codes the type must have, when the rule takes only some types of its categories. */
  codes?: string[];
  maxTier?: Tier;
  nonEmergencyOnly: boolean;
}

export interface ResponderDef {
  id: string;
  name: string;
  storeResponder: string;
}

export interface Taxonomy {
  dir: string;
  categories: Category[];
  categoryById: Map<string, Category>;
  apco: ApcoType[];
  apcoByCode: Map<string, ApcoType>;
  lexicon: LexiconEntry[];
  abbreviations: Abbreviation[];
  responders: ResponderDef[];
  rules: EligibilityRule[];
}

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      'cannot read the file',
      'Check the path and permissions.',
    );
  }
}

function splitList(v: string): string[] {
  return v
    .split(/[|;]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function checkTier(v: string, file: string, row: number, field: string): Tier {
  if (!(TIERS as readonly string[]).includes(v))
    throw new MappingFileError(file, row, field, `unknown tier \`${v}\``, `Use one of: ${TIERS.join(', ')}.`);
  return v as Tier;
}

export function checkFlags(v: string, file: string, row: number, field: string): Flag[] {
  const out: Flag[] = [];
  for (const f of splitList(v)) {
    if (!(FLAGS as readonly string[]).includes(f))
      throw new MappingFileError(
        file,
        row,
        field,
        `unknown flag \`${f}\``,
        `Use flags from: ${FLAGS.join(', ')}, separated by |.`,
      );
    // A flag written twice is one (tester 326: `medical|medical` was imported as an edit, and kept so).
    if (!out.includes(f as Flag)) out.push(f as Flag);
  }
  return out;
}

const ruleSchema = z
  .object({
    responder: z.string().min(1),
    phase: z.enum(PHASES),
    categories: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    unless: z.array(z.enum(FLAGS)).default([]),
    requires: z.array(z.enum(FLAGS)).default([]),
    codes: z.array(z.string().min(1)).min(1).optional(),
    max_tier: z.enum(TIERS).optional(),
    non_emergency_only: z.boolean().default(false),
  })
  .strict();

const eligibilitySchema = z
  .object({
    flags: z.record(z.string(), z.string()),
    responders: z.record(z.string(), z.object({ name: z.string(), store_responder: z.string() }).strict()),
    rules: z.array(ruleSchema),
  })
  .strict();

export function loadTaxonomy(dir = taxonomyDir()): Taxonomy {
  const catFile = join(dir, 'categories.csv');
  const cats = parseCsv(read(catFile), catFile, ['id', 'name', 'vera_category', 'precedence', 'definition']);
  const categories: Category[] = cats.records.map((r) => {
    const p = Number(r.values.precedence);
    if (!Number.isInteger(p))
      throw new MappingFileError(
        catFile,
        r.row,
        'precedence',
        `\`${r.values.precedence}\` is not a whole number`,
        'Use 0, 1, 2, ...',
      );
    return {
      id: r.values.id!,
      name: r.values.name!,
      veraCategory: r.values.vera_category!,
      precedence: p,
      definition: r.values.definition!,
    };
  });
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const checkCategory = (v: string, file: string, row: number | undefined, field = 'category') => {
    if (!categoryById.has(v))
      throw new MappingFileError(
        file,
        row,
        field,
        `unknown category \`${v}\``,
        `Use one of the ids in ${catFile}.`,
      );
    return v;
  };

  const apcoFile = join(dir, 'apco-incident-types.csv');
  const apcoTable = parseCsv(read(apcoFile), apcoFile, ['code', 'title', 'category', 'tier']);
  const apco: ApcoType[] = apcoTable.records.map((r) => ({
    code: r.values.code!,
    title: r.values.title!,
    category: checkCategory(r.values.category!, apcoFile, r.row),
    tier: checkTier(r.values.tier!, apcoFile, r.row, 'tier'),
  }));
  const apcoByCode = new Map(apco.map((a) => [a.code, a]));

  const lexFile = join(dir, 'lexicon.csv');
  const lexicon: LexiconEntry[] = parseCsv(read(lexFile), lexFile, [
    'phrase',
    'apco_code',
    'category',
    'flags',
  ]).records.map((r) => {
    const code = r.values.apco_code!.trim();
    if (code && !apcoByCode.has(code))
      throw new MappingFileError(
        lexFile,
        r.row,
        'apco_code',
        `unknown APCO code \`${code}\``,
        `Use a code from ${apcoFile}.`,
      );
    const cat = r.values.category!.trim();
    if (cat) checkCategory(cat, lexFile, r.row);
    const flags = checkFlags(r.values.flags!, lexFile, r.row, 'flags');
    if (!code && !cat && flags.length === 0)
      throw new MappingFileError(
        lexFile,
        r.row,
        'apco_code',
        'the entry says nothing',
        'Give an APCO code, a category or flags.',
      );
    return {
      phrase: r.values.phrase!,
      ...(code ? { apcoCode: code } : {}),
      ...(cat ? { category: cat } : {}),
      flags,
      row: r.row,
    };
  });

  const abbrFile = join(dir, 'abbreviations.csv');
  const abbreviations = parseCsv(read(abbrFile), abbrFile, [
    'abbreviation',
    'expansion',
    'only_with',
  ]).records.map((r) => ({
    abbreviation: r.values.abbreviation!.toLowerCase(),
    expansion: r.values.expansion!.toLowerCase(),
    onlyWith: r.values.only_with!.toLowerCase().split(/\s+/).filter(Boolean),
  }));

  const eligFile = join(dir, 'eligibility.yaml');
  let parsed: z.infer<typeof eligibilitySchema>;
  try {
    parsed = eligibilitySchema.parse(parseYaml(read(eligFile)));
  } catch (e) {
    if (e instanceof z.ZodError) {
      const issue = e.issues[0]!;
      throw new MappingFileError(
        eligFile,
        undefined,
        issue.path.join('.'),
        issue.message,
        'Fix the rule as docs/classification.md describes.',
      );
    }
    throw new MappingFileError(
      eligFile,
      undefined,
      undefined,
      `not valid YAML: ${(e as Error).message}`,
      'Fix the YAML syntax.',
    );
  }
  const responders: ResponderDef[] = Object.entries(parsed.responders).map(([id, r]) => ({
    id,
    name: r.name,
    storeResponder: r.store_responder,
  }));
  const rules: EligibilityRule[] = parsed.rules.map((r, i) => {
    if (!parsed.responders[r.responder])
      throw new MappingFileError(
        eligFile,
        undefined,
        `rules.${i}.responder`,
        `unknown responder \`${r.responder}\``,
        'Declare it under responders.',
      );
    if (r.categories !== 'all')
      for (const c of r.categories) checkCategory(c, eligFile, undefined, `rules.${i}.categories`);
    for (const code of r.codes ?? [])
      if (!apcoByCode.has(code))
        throw new MappingFileError(
          eligFile,
          undefined,
          `rules.${i}.codes`,
          `unknown APCO code \`${code}\``,
          'Use a code of apco-incident-types.csv.',
        );
    return {
      responder: r.responder,
      phase: r.phase,
      categories: r.categories,
      unless: r.unless,
      requires: r.requires,
      ...(r.codes ? { codes: r.codes } : {}),
      ...(r.max_tier ? { maxTier: r.max_tier } : {}),
      nonEmergencyOnly: r.non_emergency_only,
    };
  });
  return { dir, categories, categoryById, apco, apcoByCode, lexicon, abbreviations, responders, rules };
}

let cached: Taxonomy | undefined;
/** The built-in taxonomy, read once per process. */
export function builtinTaxonomy(): Taxonomy {
  cached ??= loadTaxonomy();
  return cached;
}
