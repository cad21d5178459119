/**
 * The number of fields of one CSV record, quotes respected. DuckDB's rejects do not say it for a row with
 * too many fields (one error for several extra fields: a 35-field row read as 32), so the few rejected
 * records are counted here. A quote opens a quoted value only at the start of a field (`5" pipe` is a
 * value with an inch mark); inside one, a doubled quote is a quote.
 */
export function countFields(record: string, delimiter: string, quote = '"'): number {
  const text = record.replace(/\r?\n$/, '');
  let fields = 1;
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    if (quoted) {
      if (text[i] === quote) {
        if (text[i + 1] === quote) i++;
        else quoted = false;
      }
    } else if (atStart && text[i] === quote) {
      quoted = true;
      atStart = false;
    } else if (text.startsWith(delimiter, i)) {
      fields++;
      atStart = true;
      i += delimiter.length - 1;
    } else atStart = false;
  }
  return fields;
}
