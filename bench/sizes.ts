import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureWidgetBuilt, WIDGET_DIST_DIR, WIDGET_FILES, widgetFirstLoadFiles } from '../server/widget-build.ts';
import { fmt, type Row } from './lib/table.ts';
import { dashboardFirstLoad } from '../server/http/routes/dashboard-page.routes.ts';

const read = (file: string) => fs.readFileSync(path.join(WIDGET_DIST_DIR, file));
const gzip = (file: string) => zlib.gzipSync(read(file), { level: 9 }).length;
const brotli = (file: string) =>
  zlib.brotliCompressSync(read(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes: number) => `${fmt(bytes / 1024, 2)} KB`;

/** Sizes of the built widget: loader, the iframe's first load, and each lazily loaded chunk. */
export async function benchSizes(): Promise<Row[]> {
  await ensureWidgetBuilt();
  const first = widgetFirstLoadFiles();
  const firstGzip = first.reduce((sum, f) => sum + gzip(f), 0);
  const loader = gzip(WIDGET_FILES.loaderScript);
  const rows: Row[] = [
    {
      what: 'loader /connect.js, minified + gzip (brotli)',
      value: `${fmt(loader)} B (${fmt(brotli(WIDGET_FILES.loaderScript))} B), ${fmt(read(WIDGET_FILES.loaderScript).length)} B minified`,
      budget: '<= 1,024 B',
      pass: loader <= 1024,
    },
    { what: 'loader /connect.mjs, minified + gzip', value: `${fmt(gzip(WIDGET_FILES.loaderModule))} B`, budget: '–', pass: null },
    {
      what: `iframe first load, gzip (${first.map((f) => path.basename(f)).join(', ')})`,
      value: kb(firstGzip),
      budget: '<= 25 KB',
      pass: firstGzip <= 25 * 1024,
    },
  ];
  const consoleLoad = dashboardFirstLoad();
  const consoleGzip = zlib.gzipSync(consoleLoad.html, { level: 9 }).length + consoleLoad.files.reduce((sum, f) => sum + gzip(f), 0);
  rows.push({ what: `console first load, gzip (page, ${consoleLoad.files.map((f) => path.basename(f)).join(', ')})`, value: kb(consoleGzip), budget: '<= 60 KB', pass: consoleGzip <= 60 * 1024 });
  const assets = path.join(WIDGET_DIST_DIR, 'flow/assets');
  for (const file of fs.readdirSync(assets).sort()) {
    const rel = `flow/assets/${file}`;
    if (first.includes(rel) || !file.endsWith('.js')) continue;
    rows.push({ what: `lazy chunk ${file}, gzip`, value: kb(gzip(rel)), budget: '–', pass: null });
  }
  return rows;
}
