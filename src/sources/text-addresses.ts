/**
 * Street addresses inside the text values ingest stores other than the address itself (a call type, a
 * disposition, a cancel reason): `Check the Welfare 4567 ELM AVE APT 5`, `AOK- All OK at 1234 MAIN ST APT 5`
 * were stored and, at 11 calls or more, published in the public report's pathways (tester 297). They are
 * cut to block level as the address is (block-address.ts: `4567` -> `45XX`, `12` -> `0XX`), the flat after
 * them dropped. An address here is a house number and one to three words that begin with a capital or a
 * digit, then a street type (`1234 Main St`, `12 N 5TH ST`, `1234-1236 MAIN ST`, `1234 1/2 MAIN ST`); words
 * in lower case are none (`Transport 2 people to ct`), nor is an intersection, which has no house number
 * (`MAIN ST & 1ST AVE`). Full-width digits are not read here.
 */
import { STREET_TYPE } from './block-address.js';

/**
 * Street types a house number and a name come before. Not a highway's, freeway's or expressway's, which a
 * route number follows (`10-50 PI HWY 55`, a 10-code, is no address).
 */
const TYPE = `${STREET_TYPE}|PKWY|PARKWAY|CIR|CIRCLE|TRL|TRAIL`;
/**
 * A house number's tail: a second number (of three digits or more only: `10-50` is a 10-code), a half, a
 * letter (`1234-1236`, `1234 1/2`, `1234B`).
 */
const HALF_AND_LETTER = '(?: 1/2)?[A-Za-z]?';
/** The street: one to three words, each beginning with a capital or a digit, and its type; group kept. */
const STREET = `( (?:[A-Z0-9][A-Za-z0-9.'']* ){1,3}(?i:${TYPE})\\b\\.?(?: (?:[NS][EW]|[NSEW])\\b)?)`;
/** A flat after the street (`APT 5`, `, UNIT 5B`, `#5`, `STE 200`), dropped. */
const FLAT = `(?:,? ?(?:(?i:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|TRLR)\\b\\.? ?#? ?|#\\s?)[A-Za-z0-9-]+\\b)?`;

/** Whether a text may hold such an address: a number and, within three words, a street type. */
export const TEXT_ADDRESS_GATE = `\\b[0-9]+[A-Za-z]? (?:[A-Z0-9][A-Za-z0-9.'']* ){1,3}(?i:${TYPE})\\b`;

/** SQL: the text `s` (named once) with each address's house number at block level and its flat dropped. */
export function textAddressesBlockedSql(s: string): string {
  const long = `regexp_replace(${s}, '\\b([0-9]{1,4})[0-9]{2}(?:-[0-9]+)?${HALF_AND_LETTER}${STREET}${FLAT}', '\\1XX\\2', 'g')`;
  return `regexp_replace(${long}, '\\b[0-9]{1,2}${HALF_AND_LETTER}${STREET}${FLAT}', '0XX\\1', 'g')`;
}
