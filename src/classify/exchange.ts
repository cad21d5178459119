/**
 * The spreadsheet path: export a city's mapping with call volumes and the classifier's suggestions, edit
 * it anywhere, import it back. An imported row becomes `reviewed` when its category or code was changed
 * or it says so; untouched automatic rows stay automatic. Validation is the mapping file's, row by row.
 */
import { classifyType, type ClassifierIndex } from './classifier.js';
import { MappingFileError, readText } from './errors.js';
import {
  entryRow,
  MAPPING_COLUMNS,
  mappingCsv,
  parseMappingTable,
  type MappingEntry,
} from './mapping-file.js';
import type { Taxonomy } from './taxonomy.js';
import { parseCsv, toCsv } from './csv.js';

export const EXPORT_EXTRA = ['volume', 'suggestion_1', 'suggestion_2', 'suggestion_3'] as const;

export function exportCsv(
  entries: readonly MappingEntry[],
  volumes: ReadonlyMap<string, number>,
  index: ClassifierIndex,
): string {
  const rows = [...entries]
    .map((e) => ({ e, v: volumes.get(e.rawType) ?? e.volume ?? 0 }))
    .sort((a, b) => b.v - a.v || a.e.rawType.localeCompare(b.e.rawType))
    .map(({ e, v }) => {
      const c = classifyType(index, e.rawType, { topK: 3 });
      const s = c.candidates.map(
        (x) => `${x.category}${x.apcoCode ? `/${x.apcoCode}` : ''} (${x.score.toFixed(2)})`,
      );
      return {
        ...entryRow(e),
        volume: v,
        suggestion_1: s[0] ?? '',
        suggestion_2: s[1] ?? '',
        suggestion_3: s[2] ?? '',
      };
    });
  return toCsv([...MAPPING_COLUMNS, ...EXPORT_EXTRA], rows);
}

export interface ImportResult {
  entries: MappingEntry[];
  changed: number;
  added: number;
}

export function importCsv(
  file: string,
  current: readonly MappingEntry[],
  tax: Taxonomy,
  reviewer: string | undefined,
  date: string,
): ImportResult {
  const text = readText(file, 'cannot read the file to import', 'Check the path.');
  const table = parseCsv(text, file, ['raw_type', 'category']);
  const byRaw = new Map(current.map((e) => [e.rawType, e]));
  for (const r of table.records) {
    const v = r.values;
    const prior = byRaw.get(v.raw_type ?? '');
    const edited =
      !prior ||
      prior.category !== (v.category ?? '').trim() ||
      (prior.apcoCode ?? '') !== (v.apco_code ?? '').trim();
    if ((v.provenance ?? '').trim() === '' || edited)
      v.provenance = edited ? 'reviewed' : (prior?.provenance ?? 'reviewed');
    if (v.provenance === 'reviewed') {
      if (!(v.reviewer ?? '').trim()) {
        if (!reviewer)
          throw new MappingFileError(
            file,
            r.row,
            'reviewer',
            'an edited row has no reviewer',
            'Fill the reviewer column or pass --reviewer NAME.',
          );
        v.reviewer = reviewer;
      }
      if (!(v.reviewed_on ?? '').trim() || edited) v.reviewed_on = date;
      if (edited && !(v.confidence ?? '').trim()) v.confidence = '1';
    }
    if (!(v.tier ?? '').trim())
      v.tier = prior?.tier ?? tax.apcoByCode.get((v.apco_code ?? '').trim())?.tier ?? 'non_criminal';
    if (!(v.confidence ?? '').trim()) v.confidence = String(prior?.confidence ?? 1);
  }
  for (const col of ['tier', 'confidence', 'provenance', 'reviewer', 'reviewed_on'])
    if (!table.header.includes(col)) table.header.push(col);
  const imported = parseMappingTable(table, file, tax);
  const out = new Map(current.map((e) => [e.rawType, e]));
  let changed = 0;
  let added = 0;
  for (const e of imported) {
    const prior = out.get(e.rawType);
    if (!prior) added++;
    else if (mappingCsv([prior]) !== mappingCsv([{ ...e, volume: prior.volume }])) changed++;
    out.set(e.rawType, { ...e, ...(prior?.volume !== undefined ? { volume: prior.volume } : {}) });
  }
  return { entries: [...out.values()], changed, added };
}
