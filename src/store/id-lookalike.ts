/**
 * Ids that are one id written two ways: the same letters and digits, in any case, with other punctuation
 * (`22-300077` and `22300077`; `2,023,000,319,821` from a spreadsheet's re-save and `2023000319821`).
 * Records are matched by id as written, so such ids are never linked or replaced; ingest and analyze say so.
 */

/** SQL: the key two ids written alike share (empty for an id of no letter or digit). */
export const lookalikeKeySql = (id: string): string =>
  `lower(regexp_replace(${id}, '[^0-9A-Za-z]', '', 'g'))`;
