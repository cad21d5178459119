/**
 * The PDF edition: the HTML report printed by headless Chromium (Debian's `chromium`, driven by
 * playwright-core; never a downloaded browser), so the PDF is the print stylesheet, not a second layout.
 */
import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { scratchFolder } from '../util/leftovers.js';
import { GONE_FOR_GOOD, undoOnInterrupt } from '../util/undo-on-interrupt.js';
import { fullTempFolder, UserError } from '../util/user-error.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(given?: string): string {
  const path = given ?? process.env.SAFEGAP_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!existsSync(path))
    throw new UserError(
      `Chromium was not found at ${path}; the PDF is printed by a local Chromium.`,
      'install it (Debian: `apt-get install chromium`) or set SAFEGAP_CHROMIUM to its path.',
    );
  return path;
}

export async function printPdf(htmlPath: string, pdfPath: string, chromium?: string): Promise<void> {
  const executablePath = chromiumPath(chromium);
  // Loaded on demand: the HTML report needs no browser, and playwright-core is slow to import.
  const { chromium: launcher } = await import('playwright-core');
  // Playwright makes Chromium's profile and its artifacts in the system's temporary folder, and a run killed
  // while printing left them there for good (tester 101: about 1 MB each). Made inside a scratch folder of
  // this process instead, the next run removes them with it.
  const scratch = scratchFolder('report');
  const root = tmpdir();
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  const remove = () => rmSync(scratch, GONE_FOR_GOOD);
  const forget = undoOnInterrupt(remove);
  // Ctrl-C is safegap's to answer (cli/interrupt.ts): Playwright's own handlers closed the browser under the
  // page being printed, which then failed as an internal error, or as a Chromium that could not start
  // (tester 130). Playwright still kills the browser when the process exits.
  const browser = await launcher
    .launch({ executablePath, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false })
    .catch((e: unknown) => {
      forget();
      remove();
      throw fullTempFolder(root) ?? cannotStart(executablePath, e);
    })
    .finally(() => {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    });
  try {
    const page = await browser.newPage();
    // Nothing is fetched: the report is self-contained and its CSP forbids any request anyway.
    await page.route(/^(?!file:)/, (route) => route.abort());
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // The numbers behind each chart are printed open: the text points at them ("the eligible-demand table",
    // "the last row"), and some are nowhere else on paper (tester 117). A closed disclosure prints as its
    // summary alone, and CSS cannot open one.
    await page
      .locator('details.chart-data')
      .evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
    await page.pdf({
      path: pdfPath,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#444"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      // Headings, tables and the language for a screen reader, and bookmarks of the headings: the PDF had
      // no structure tree and no outline (tester 242).
      tagged: true,
      outline: true,
    });
  } catch (e) {
    // Chromium writes the PDF into the temporary folder before Playwright reads it back; there, a full disk
    // reads "Protocol error (IO.read): Read failed" (and at launch, "browser has been closed").
    throw fullTempFolder(root) ?? e;
  } finally {
    await browser.close();
    forget();
    remove();
  }
}

/**
 * Playwright's own error was an internal error with every launch argument, and a file that cannot be run
 * (EACCES) was taken for a folder safegap could not write.
 */
function cannotStart(path: string, e: unknown): UserError {
  let why: string;
  try {
    if (!statSync(path).isFile()) why = 'it is not a file';
    else {
      accessSync(path, constants.X_OK);
      const exit = /exitCode=(\d+)/.exec(String(e));
      why = exit
        ? `it ended (exit code ${exit[1]}) before it could print`
        : (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/^browserType\.launch: /, '');
    }
  } catch {
    why = 'it is not executable';
  }
  return new UserError(
    `Chromium at ${path} could not be started (${why}), and the PDF is printed by it: the report was not written, and what --out held is as it was.`,
    "install Debian's chromium (`apt-get install chromium`), or point SAFEGAP_CHROMIUM at a working Chromium binary; or leave out --pdf.",
  );
}
