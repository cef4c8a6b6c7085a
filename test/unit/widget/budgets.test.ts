// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureWidgetBuilt, WIDGET_DIST_DIR, WIDGET_FILES, widgetFirstLoadFiles as firstLoadFiles } from '../../../server/widget-build.ts';

/** PRODUCT.md "Budgets": the loader script and everything the iframe loads before its first step. */
const LOADER_BUDGET = 1024;
const FIRST_LOAD_BUDGET = 25 * 1024;

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WIDGET_DIST_DIR, file)), { level: 9 }).length;

beforeAll(async () => {
  await ensureWidgetBuilt();
}, 120_000);

describe('the built widget', () => {
  it(`keeps /connect.js within ${LOADER_BUDGET} bytes minified and gzipped`, () => {
    expect(gzipSize(WIDGET_FILES.loaderScript)).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`keeps the flow's first load (HTML, JS, CSS, default locale) within ${FIRST_LOAD_BUDGET} bytes gzipped`, () => {
    const total = firstLoadFiles().reduce((sum, file) => sum + gzipSize(file), 0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it('loads the other locales and floating-ui on demand, outside the first load', () => {
    const first = firstLoadFiles().join(' ');
    const lazy = fs.readdirSync(path.join(WIDGET_DIST_DIR, 'flow/assets')).filter((f) => /^(de|fr|it|es|nl|pt|pl|floating-ui\.dom)-/.test(f));
    expect([lazy.length, lazy.filter((f) => first.includes(f))]).toStrictEqual([8, []]);
  });

  it('ships the script-tag loader as an IIFE defining the Plugboard global', () => {
    const source = fs.readFileSync(path.join(WIDGET_DIST_DIR, WIDGET_FILES.loaderScript), 'utf8');
    // Evaluated as a classic script would be, with only what it reads at load: document.currentScript.
    const document = { currentScript: { src: 'https://plugboard.example/connect.js' } };
    const global = new Function('document', `${source};return Plugboard`)(document) as Record<string, unknown>;
    expect(Object.keys(global).sort()).toStrictEqual(['PlugboardError', 'close', 'open', 'prefetch']);
  });
});
