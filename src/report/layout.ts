/**
 * The page shell: one self-contained HTML file with its stylesheet inline (screen and print), a table of
 * contents, and a Content-Security-Policy that allows no script and no network at all, so the report opens
 * from disk anywhere and a value that somehow escaped escaping still could not run or call home.
 */
import { html, trusted, type Html } from './html.js';

export interface Section {
  id: string;
  title: string;
  body: Html;
}

export interface PageOptions {
  title: string;
  subtitle: string;
  /** Lines under the title: period, source, store version, public or internal. */
  facts: Html[];
  sections: Section[];
  footer: Html;
  isPublic: boolean;
  /**
   * The internal edition lists block addresses (repeat locations): its banner says so only then, since
   * one of a store without addresses said it beside "No call of the period has a block address" (tester
   * 343).
   */
  blockAddresses?: boolean;
  /**
   * The CSV files the report writes into `csv/`, named in the page's head: a table the page does not show
   * (a funnel without unit times) has no link there, and a public edition built again into its folder was
   * refused for two CSVs it had written itself (tester 353).
   */
  csvFiles?: string[];
}

// Colours meet WCAG 2.1 AA on white: body text #1a1a1a (17:1), secondary #4d4d4d (8.5:1), links #0b57a4
// (7:1), the public banner #7a4100 on #fff4e5 (7:1). No web fonts: the system UI font of each platform.
const CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c9c9c9; --accent: #1f5f99; --bg-soft: #f4f6f8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 16px; line-height: 1.5; color: var(--ink); background: #fff; }
body { margin: 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.report, main, nav.toc, footer.report { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem; }
header.report { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 4px solid var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: var(--muted); margin: 0; }
/* A --title of one long word (a URL) ran off a phone's screen and the printed page (tester 311). */
h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.facts { margin: .25rem 0; color: var(--muted); font-size: .95rem; }
.facts p { margin: .1rem 0; }
.banner { background: #fff4e5; color: #7a4100; border-left: 4px solid #b35900; padding: .5rem .75rem; margin: 1rem 0 0; }
a { color: #0b57a4; }
nav.toc ol { columns: 2; column-gap: 2rem; padding-left: 1.25rem; }
nav.toc h2 { border-top: 0; margin-top: 1.25rem; }
p, li { max-width: 48rem; overflow-wrap: anywhere; }
.headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.headline { background: var(--bg-soft); border-left: 4px solid var(--accent); padding: .75rem 1rem; break-inside: avoid; max-width: none; }
.headline .value { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
.headline .label { display: block; font-weight: 600; margin-top: .25rem; }
.headline .detail { display: block; color: var(--muted); font-size: .875rem; margin-top: .25rem; }
figure.chart { margin: 1.5rem 0; }
.chart-svg svg { width: 100%; height: auto; max-width: 760px; display: block; overflow: visible; }
/* Before the narrow-screen rule that shows it: a later rule of the same weight wins (tester 119). */
.scroll-hint { display: none; color: var(--muted); font-size: .85rem; margin: .25rem 0; }
/* On a phone a chart scaled to the screen had 6 px text (tester 117): on a narrow screen it keeps 640 px
   and scrolls sideways in its own box, as a wide table does, so its 12 px text stays at 10 px or more. */
@media screen and (max-width: 680px) {
  .chart-svg { overflow-x: auto; }
  .chart-svg svg { min-width: 640px; }
  /* Half a chart showed with no sign of the rest (tester 118); two columns split an item of the contents. */
  .scroll-hint { display: block; }
  nav.toc ol { columns: 1; }
}
figcaption .alt { margin: .5rem 0 .25rem; }
.meta { color: var(--muted); font-size: .85rem; margin: .25rem 0 .75rem; }
.meta span { margin-right: .5rem; }
details.chart-data { margin: .5rem 0 1rem; }
details.chart-data summary { cursor: pointer; color: #0b57a4; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
tbody th { font-weight: 500; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.long { overflow-wrap: anywhere; }
td.suppressed { font-style: italic; }
.table-foot { font-size: .85rem; color: var(--muted); margin: .25rem 0; }
.legend { font-size: .875rem; margin: .25rem 0; }
.legend-title { font-weight: 600; margin: 0 0 .25rem; }
.legend ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
/* A swatch is a background, which a browser's print leaves out by default and a high-contrast mode
   paints over: the legend then explained nothing (tester 242). */
.swatch { display: inline-block; width: 1.1rem; height: .9rem; margin-right: .35rem; vertical-align: -2px; border: 1px solid #555; print-color-adjust: exact; -webkit-print-color-adjust: exact; forced-color-adjust: none; }
.swatch.dot { border-radius: 50%; width: .8rem; height: .8rem; }
.swatch.tick { width: .3rem; }
.print-only, .print-folded { display: none; }
.note { background: var(--bg-soft); padding: .5rem .75rem; border-left: 4px solid var(--rule); }
footer.report { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .875rem; }
@media print {
  @page { size: auto; margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  header.report, main, nav.toc, footer.report { max-width: none; padding: 0; }
  /* The numbers behind each chart print open (pdf.ts opens them), under a plain heading. */
  .skip, .csv-link { display: none; }
  details.chart-data summary { color: inherit; font-weight: 600; list-style: none; }
  details.chart-data summary::-webkit-details-marker { display: none; }
  details.chart-data summary { break-after: avoid; }
  .print-only { display: block; }
  /* CSS cannot open a fold: a browser's print of the page left each "Numbers behind this chart" empty while
     the page said they print beneath (tester 242). Where one is closed, print says so instead. */
  body:has(details.chart-data:not([open])) .print-only { display: none; }
  body:has(details.chart-data:not([open])) .print-folded { display: block; }
  details.chart-data:not([open]) summary::after { content: " (folded on the page, so not printed)"; font-weight: 400; }
  main h2 { break-before: page; border-top: 0; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; }
  /* A chart stays whole with its heading, legend and caption; the table of its numbers may run on to the
     next page. The figure as a whole may break, or one with a long table goes whole to the next page,
     leaving a page of a heading or a line (tester 119). */
  .chart-block, .headline { break-inside: avoid; }
  /* Wide tables shrink to the page instead of being cut off at its edge. */
  .table-wrap { overflow: visible; }
  table { width: 100%; font-size: 8.5pt; }
  th, td { padding: .15rem .3rem; }
  .num { white-space: normal; }
  tr, .meta { break-inside: avoid; }
  /* A heading and a table's caption ended a page above the table's rows (tester 121, "Every interval"):
     Chromium keeps them with the first row only when both the caption and that row ask. */
  caption { break-after: avoid; }
  tbody tr:first-child { break-before: avoid; }
  /* A table's last row alone made a page of one row and the table's note (tester 142). */
  tbody tr:last-child:not(:first-child) { break-before: avoid; }
  a { color: inherit; text-decoration: none; }
  /* A chart or map as tall as a page went whole to the next one, leaving its section's heading and note
     alone on a page, or its caption's last line (tester 142): no chart is taller than half a page. */
  .chart-svg svg { max-width: 100%; max-height: 125mm; }
  .headline { border: 1px solid var(--rule); border-left: 4px solid var(--accent); }
}
`;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

export function page(o: PageOptions): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="safegap" />
        ${o.csvFiles ? html`<meta name="safegap-csv" content="${o.csvFiles.join(' ')}" />` : ''}
        <title>${o.title} (${o.subtitle}; ${o.isPublic ? 'public' : 'internal'} edition)</title>
        <style>
          ${trusted(CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the report</a>
        <header class="report">
          <p class="kicker">${o.subtitle}</p>
          <h1>${o.title}</h1>
          <div class="facts">
            ${o.facts.map((f) => html`<p>${f}</p>`)}
            <p class="print-only">
              The numbers behind each chart are printed beneath it, and are in the csv folder beside
              report.html.
            </p>
            <p class="print-folded">
              The numbers behind a chart are printed beneath it only where "Numbers behind this chart" was
              opened before printing; all of them are in the csv folder beside
              report.html${
                // A command is no advice to a reader who runs none (tester 384's public edition).
                o.isPublic ? '' : ', and in the PDF that safegap report --pdf writes'
              }.
            </p>
          </div>
          ${
            o.isPublic
              ? html`<p class="banner" role="note">
                  Public edition: aggregates only, no addresses; counts from 1 to 10, and cells that would
                  reveal one, read x.
                </p>`
              : html`<p class="banner" role="note">
                  ${
                    o.blockAddresses
                      ? 'Internal edition: includes block-level locations.'
                      : 'Internal edition: not for publication (it shows counts from 1 to 10).'
                  }
                  Publish the edition built with --public.
                </p>`
          }
        </header>
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">Contents</h2>
          <ol>
            ${o.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}
          </ol>
        </nav>
        <main id="main">
          ${o.sections.map(
            (s) =>
              html`<section id="${s.id}" aria-labelledby="${s.id}-h">
                <h2 id="${s.id}-h">${s.title}</h2>
                ${s.body}
              </section>`,
          )}
        </main>
        <footer class="report">${o.footer}</footer>
      </body>
    </html>`;
}
