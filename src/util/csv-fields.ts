/**
 * The number of fields of one CSV record, quotes respected. DuckDB's rejects do not say it for a row with
 * too many fields (one error for several extra fields: a 35-field row read as 32), so the few rejected
 * records are counted here.
 */
export function countFields(record: string, delimiter: string, quote = '"'): number {
  const text = record.replace(/\r?\n$/, '');
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    // A doubled quote inside a quoted value toggles twice: it stays quoted.
    if (text[i] === quote) quoted = !quoted;
    else if (!quoted && text.startsWith(delimiter, i)) {
      fields++;
      i += delimiter.length - 1;
    }
  }
  return fields;
}
