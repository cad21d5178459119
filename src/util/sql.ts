/** Quoting for SQL we generate from profile data (column names and values come from users' files). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function literalList(values: readonly string[]): string {
  return values.map(literal).join(', ');
}
