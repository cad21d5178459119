/**
 * Ids that are one id written two ways: the same letters and digits, in any case, with other punctuation
 * (`22-300077` and `22300077`; `2,023,000,319,821` from a spreadsheet's re-save and `2023000319821`), with
 * zeros in front (`0022000123`, a spreadsheet drops them) or with letters in front that the other lacks
 * (`MPLS-22000123` and `22000123`). Records are matched by id as written, so such ids are never linked or
 * replaced, and the same calls are counted twice; ingest says so (docs/profiles.md).
 *
 * Two ids are alike when their stems are equal and not empty, and their prefixes are equal or one of them
 * has none: `F-123` and `P-123` (a fire and a police number, say) are not alike. A four-digit year for a
 * two-digit one (`2022-232618`, `22-232618`) is not taken for one id: a 311 system numbering its own cases
 * `2022-NNNNNN` matched 83 of 100 CAD numbers by chance (tester 85).
 */

/**
 * SQL: an id's letters and digits, lower-cased, full-width digits as ASCII ones, without a float's `.0`
 * (`MPLS-0022,000,123` -> `mpls0022000123`; `22232618.0` -> `22232618`, as pandas writes a number column
 * with blanks).
 */
export const lookalikeFoldSql = (id: string): string =>
  `lower(regexp_replace(regexp_replace(translate(${id}, '０１２３４５６７８９．', '0123456789.'), '\\.0+\\s*$', ''), '[^0-9A-Za-z]', '', 'g'))`;

/**
 * SQL over a folded id (lookalikeFoldSql): its stem, without the letters it begins with and the zeros
 * after them (`mpls0022000123` -> `22000123`); an id of letters or zeros only is its own stem. Most ids
 * begin with a digit other than 0 and are their own stem: only the others are searched.
 */
export const lookalikeStemSql = (folded: string): string =>
  `CASE WHEN ascii(${folded}) BETWEEN 49 AND 57 THEN ${folded} ELSE coalesce(nullif(regexp_replace(${folded}, '^[a-z]*0*', ''), ''), ${folded}) END`;

/** SQL over a folded id: the letters it begins with, its prefix (`mpls`; empty for none). */
export const lookalikePrefixSql = (folded: string): string =>
  `CASE WHEN ascii(${folded}) BETWEEN 97 AND 122 THEN regexp_extract(${folded}, '^[a-z]*') ELSE '' END`;

/**
 * SQL: ids of relation `a` that relation `b` holds written another way and not as written, per pair of
 * sources: `source`, `other`, `n` (ids of `a`), and one example, the least id of `a` as `a` and the least
 * id of `other` it is alike as `b`. Both relations give distinct `source` and `id`; each id is folded
 * once, whatever its number of records.
 */
export function lookalikeIdsSql(a: string, b: string): string {
  const keyed = (rel: string) =>
    `SELECT *, ${lookalikeStemSql('f')} AS s, ${lookalikePrefixSql('f')} AS pre
     FROM (SELECT source, id, ${lookalikeFoldSql('id')} AS f FROM (${rel})) WHERE f <> ''`;
  return `WITH la AS (${keyed(a)}), lb AS (${keyed(b)})
    SELECT la.source, lb.source AS other, count(DISTINCT la.id)::DOUBLE AS n, min(la.id) AS a,
      arg_min(lb.id, (la.id, lb.id)) AS b
    FROM la JOIN lb ON la.s = lb.s AND la.id <> lb.id AND (la.pre = lb.pre OR la.pre = '' OR lb.pre = '')
    WHERE NOT EXISTS (SELECT 1 FROM lb q WHERE q.source = lb.source AND q.id = la.id)
    GROUP BY ALL ORDER BY 1, 2`;
}
