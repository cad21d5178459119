/** Items as a sentence lists them: `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** A name as a sentence writes it: `Behavioural crisis team` is `behavioural crisis team`, `EMS` stays. */
export function inSentence(name: string): string {
  return name.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
}
