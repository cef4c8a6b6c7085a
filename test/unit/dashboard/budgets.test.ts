// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dashboardFirstLoad } from '../../../server/http/routes/dashboard-page.routes.ts';
import { ensureWidgetBuilt, WIDGET_DIST_DIR } from '../../../server/widget-build.ts';

/** PRODUCT.md "Budgets": the console's first load, gzip. */
const FIRST_LOAD_BUDGET = 60 * 1024;

const gzip = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;

beforeAll(async () => {
  await ensureWidgetBuilt();
}, 180_000);

describe('the built console', () => {
  it('loads one script and one stylesheet first', () => {
    const { files } = dashboardFirstLoad();
    expect(files.map((f) => path.extname(f)).sort()).toStrictEqual(['.css', '.js']);
  });

  it(`keeps its first load (page, JS, CSS) within ${FIRST_LOAD_BUDGET} bytes gzipped`, () => {
    const { html, files } = dashboardFirstLoad();
    const total = gzip(html) + files.reduce((sum, f) => sum + gzip(fs.readFileSync(path.join(WIDGET_DIST_DIR, f))), 0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });
});
