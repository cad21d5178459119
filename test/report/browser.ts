/**
 * Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser), with helpers to run axe-core in a page and to tell a blank image from a drawn one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.SAFEGAP_CHROMIUM ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM });
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules over the page; the page's context must bypass its CSP to inject it. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** Pixels of a PNG that are not (near) white, counted by the browser's own decoder on a canvas. */
export async function nonWhitePixels(
  page: Page,
  png: string,
): Promise<{ width: number; height: number; nonWhite: number }> {
  const data = `data:image/png;base64,${readFileSync(png).toString('base64')}`;
  await page.setContent('<!doctype html><title>png</title>');
  // A string, not a function: the project compiles without the DOM library, and this runs in the page.
  return page.evaluate(`(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let nonWhite = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240) nonWhite++;
    return { width: c.width, height: c.height, nonWhite };
  })(${JSON.stringify(data)})`);
}
