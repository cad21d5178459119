/**
 * A tiny HTML template helper. Every interpolated value is escaped unless it is already `Html` (produced
 * by this helper, or wrapped deliberately with `trusted`), so a call type or program name taken from a
 * city's data can never become markup: `<script>` in a call type is shown as text, never run.
 */

import { visibleText } from '../util/words.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for use in element content or in a quoted attribute value. A control, format or invisible
 * character (other than a tab or line break) is shown as its escape, `\x1b`, `\u202e`, as the terminal
 * shows it (visibleText): HTML has no place for a control character, a browser shows NUL as U+FFFD and
 * hides the rest, so two types differing by one looked alike (testers 161, 269), and a bidirectional
 * override in an area's name turned the caption after it round, its share with it (tester 269).
 */
export function escapeHtml(value: string): string {
  return visibleText(
    value.replace(/[&<>"']/g, (c) => ESCAPES[c]!),
    '\t\n\r',
  );
}

/** Markup that is safe to insert as is. Only this module and `trusted` make one. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<td>${value}</td>\`` escapes `value`; arrays are joined; null and false vanish. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * Markup built by code, never by data: the SVG that charts.ts and maps.ts serialise through a DOM (which
 * escapes text and attributes itself) and the inline stylesheet. Never pass a string from a data file here.
 */
export function trusted(markup: string): Html {
  return new Html(markup);
}

export function join(items: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  const sep = render(separator);
  return new Html(items.map(render).join(sep));
}

/** A fragment id from a label: lower-case letters, digits and dashes only. */
export function slug(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}
