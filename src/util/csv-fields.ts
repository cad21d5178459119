/**
 * The fields of one CSV record, quotes respected and removed. DuckDB's rejects do not say how many there
 * are for a row with too many fields (one error for several extra fields: a 35-field row read as 32), so
 * the few rejected records are split here. A quote opens a quoted value only at the start of a field
 * (`5" pipe` is a value with an inch mark); inside one, a doubled quote is a quote.
 */
export function splitFields(record: string, delimiter: string, quote = '"'): string[] {
  return readFields(record, delimiter, quote).fields;
}

/**
 * splitFields, and whether the last field's quote is still open at the record's end: a line that opens a
 * quote it does not close ends inside its last field.
 */
export function readFields(
  record: string,
  delimiter: string,
  quote = '"',
): { fields: string[]; open: boolean } {
  const text = record.replace(/\r?\n$/, '');
  const fields: string[] = [];
  let value = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    if (quoted) {
      if (text[i] === quote && text[i + 1] === quote) {
        value += quote;
        i++;
      } else if (text[i] === quote) quoted = false;
      else value += text[i];
    } else if (atStart && text[i] === quote) {
      quoted = true;
      atStart = false;
    } else if (text.startsWith(delimiter, i)) {
      fields.push(value);
      value = '';
      atStart = true;
      i += delimiter.length - 1;
    } else {
      value += text[i];
      atStart = false;
    }
  }
  fields.push(value);
  return { fields, open: quoted };
}

/** The number of fields of one CSV record (splitFields). */
export function countFields(record: string, delimiter: string, quote = '"'): number {
  return splitFields(record, delimiter, quote).length;
}
