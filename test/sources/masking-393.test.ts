/**
 * Tester 393: small exports with edited values (Minneapolis' `cancel_reason` and `response_plan`,
 * Burlington's `call_type`) stored callers' names, which analyze's notes, analysis.json, report.html and
 * pathways.csv then printed: after `NAME WAS` or `NAME'S` (`CALLER SAID HER NAME WAS JANE DOE`), after a
 * `NAME` label and a mark (`NAME: JOHN SMITH`), after a caller's word and `IS` (`CALLER IS JOHN Q SMITH`), and
 * in Title Case after a caller's word or a naming phrase (`Welfare Check caller Jane Doe`, `her name is Mary
 * Jones`). Expectations written by hand from docs/schema.md ("What is never loaded"): the name is `X`, the
 * words before it kept; a state or a verb after `CALLER IS` and a call type's own words stay.
 */
import { describe, expect, it } from 'vitest';
import { textValues } from '../helpers/text-values.js';

const MASKED: [string, string][] = [
  // A naming phrase with `WAS` or `'S`, and one after a verb.
  ['CALLER SAID HER NAME WAS JANE DOE', 'CALLER SAID HER NAME WAS X'],
  ["HIS NAME'S JOHN SMITH", "HIS NAME'S X"],
  ['CALLER SAYS HIS NAME IS JOHN SMITH', 'CALLER SAYS HIS NAME IS X'],
  ['P3 NAME WAS JOHN SMITH (P)', 'P3 NAME WAS X (P)'],
  // A `NAME` label and a colon, a hyphen or an equals sign.
  ['NAME: JOHN SMITH', 'NAME: X'],
  ['Welfare Check NAME- JOHN SMITH', 'Welfare Check NAME- X'],
  ['NAME = JOHN SMITH', 'NAME = X'],
  ['CALLER NAME: JOHN SMITH', 'CALLER NAME: X'],
  ['name: john smith', 'name: X'],
  // A caller's word, `IS` and a name of two words or more.
  ['CALLER IS JOHN Q SMITH', 'CALLER IS X'],
  ['CALLER IS JOHN SMITH', 'CALLER IS X'],
  ['Check Welfare RP IS MARY JONES (P)', 'Check Welfare RP IS X (P)'],
  ['CALLER IS JOHN SMITH REQUESTING CONTACT', 'CALLER IS X REQUESTING CONTACT'],
  ['caller is john smith', 'caller is X'],
  // Title Case after a caller's word or a naming phrase.
  ['Welfare Check caller Jane Doe', 'Welfare Check caller X'],
  ['Welfare Check caller Jane Doe 555-1234', 'Welfare Check caller X X'],
  ['Welfare Check per caller, her name is Mary Jones', 'Welfare Check per caller, her name is X'],
  ['Welfare Check RP Mary Jones requests contact', 'Welfare Check RP X requests contact'],
  ['Caller Is John Smith', 'Caller Is X'],
  ["Name: Mary O'Brien", 'Name: X'],
];

const KEPT: string[] = [
  // A state or a verb after `CALLER IS`, or one word.
  'CALLER IS INTOXICATED',
  'CALLER IS ON SCENE',
  'CALLER IS VERY UPSET',
  'CALLER IS BEING HARASSED',
  'CALLER IS LOCKED OUT',
  'CALLER IS HEARING IMPAIRED',
  'CALLER IS WHITE FEMALE',
  'CALLER IS DIABETIC MALE',
  'CALLER IS HER MOTHER',
  'CALLER IS UPSET',
  'CALLER IS HARD OF HEARING',
  'caller is very upset',
  // `NAME` with no name after it, and prose.
  'CALLER WOULD NOT GIVE NAME',
  'NAME UNKNOWN',
  'CALLER NAME UNKNOWN',
  // A thing's name after its label.
  'STREET NAME: MAIN ST',
  'DOG NAME- REX',
  'some columns named otherwise (two exports joined into one file?)',
  'the name was not given',
  // A call type's own words in Title Case after a caller's word.
  'CLR-Per Caller',
  'Sex Offender Comp Check (P)',
  'Welfare Check per Caller Request',
  'Caller Hung Up',
];

describe('names after a naming phrase, a `NAME` label, `CALLER IS`, and in Title Case (tester 393)', () => {
  const { maskedAll } = textValues();
  it('are masked, the words before them kept', async () => {
    expect(await maskedAll(MASKED)).toEqual(MASKED.map(([, m]) => m));
  });
  it("leave a state or a verb after a caller's word, and a call type's own words", async () => {
    expect(await maskedAll(KEPT.map((v) => [v, v]))).toEqual(KEPT);
  });
});
