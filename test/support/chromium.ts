/**
 * Headless Chromium for checking the audit's HTML page as a browser lays it out. The page is shown
 * in an iframe of the width asked for (a headless window is never narrower than about 500 px), its
 * Content-Security-Policy removed so a measuring script can run; the layout is the page's own.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first Chromium on PATH, or undefined: tests that need one skip by name without it. */
export function findChromium(): string | undefined {
  return ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
}

export interface Layout {
  /** document.documentElement.scrollWidth and clientWidth: more than the width scrolls sideways. */
  scrollWidth: number;
  clientWidth: number;
  /** Every SVG and every figure.chart, and those without an aria-label or a figcaption. */
  charts: number;
  unlabelledCharts: string[];
  /** Elements whose content is cut: overflow hidden or an ellipsis, with more content than room. */
  clipped: string[];
  /** Elements that reach past the right edge of the page. */
  wide: string[];
}

const measure = `<script>
const root = document.documentElement;
const describe = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '');
const charts = [...document.querySelectorAll('svg, figure.chart')];
const caption = (c) => { const f = c.closest('figure'); const t = f && f.querySelector('figcaption'); return t ? t.textContent.trim() : ''; };
const all = [...document.querySelectorAll('body *')];
const layout = {
  scrollWidth: root.scrollWidth,
  clientWidth: root.clientWidth,
  charts: charts.length,
  unlabelledCharts: charts.filter((c) => !(c.getAttribute('aria-label') || '').trim() && !caption(c)).map(describe),
  clipped: all.filter((e) => { const s = getComputedStyle(e); return (s.overflowX === 'hidden' || s.textOverflow === 'ellipsis') && e.scrollWidth > e.clientWidth; }).map(describe),
  wide: all.filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5).map(describe),
};
const out = parent.document.createElement('pre');
out.id = 'layout';
out.textContent = JSON.stringify(layout);
parent.document.body.append(out);
</script>`;

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Lays the page out `width` px wide: its measurements, and a PNG screenshot written to `screenshot`. */
export function layoutAt(browser: string, html: string, width: number, dir: string, screenshot: string): Layout {
  const page = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', `${measure}</body>`);
  const height = 2400;
  const wrapper = join(dir, `at-${width}.html`);
  writeFileSync(wrapper, `<!doctype html><html><body style="margin:0"><iframe style="width:${width}px;height:${height}px;border:0;display:block" srcdoc="${attribute(page)}"></iframe></body></html>`);
  const run = spawnSync(
    browser,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${Math.max(width, 600)},${height}`, `--screenshot=${screenshot}`, '--dump-dom', pathToFileURL(wrapper).href],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const found = /<pre id="layout">([^<]*)<\/pre>/.exec(run.stdout);
  if (!found) throw new Error(`chromium gave no layout (exit ${run.status}): ${run.stderr.slice(-500)}`);
  return JSON.parse(found[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Layout;
}
