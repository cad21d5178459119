/** Quoting for SQL we generate from profile data (column names and values come from users' files). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(value: string): string {
  const quoted = `'${value.replaceAll("'", "''")}'`;
  // DuckDB reads the SQL text as a C string: a NUL byte ended it inside the quotes, and a call type holding
  // one (loaded from past a file's first 64 KB) made every analysis of the store an internal error (tester
  // 158). The byte is spliced in as chr(0) instead.
  return value.includes('\0') ? `(${quoted.replaceAll('\0', "' || chr(0) || '")})` : quoted;
}

export function literalList(values: readonly string[]): string {
  return values.map(literal).join(', ');
}
