import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchApi, scratchPostgres } from './api.ts';
import { benchConnectors } from './connectors.ts';
import { benchConsoleIntegrations } from './console-integrations.ts';
import { benchDuringSync } from './during-sync.ts';
import { benchFirstStartIdle } from './first-start.ts';
import { benchFlow } from './flow.ts';
import { ROOT } from './lib/processes.ts';
import { renderTable, type Row } from './lib/table.ts';
import { benchSizes } from './sizes.ts';
import { benchSync } from './sync.ts';
import { benchWebhooks } from './webhooks.ts';
import { benchRequestLog } from './request-log.ts';
import { limitHeapGrowth } from '../server/threads/heap-growth.ts';

/** The sections `npm run bench -- <section>...` may name, in the order a full run measures them. */
const SECTIONS = ['sizes', 'flow', 'sync', 'webhooks', 'connectors', 'console', 'during-sync', 'request-log', 'api'];

/**
 * `npm run bench`: builds the widget and measures every budget of PRODUCT.md, each figure beside its
 * budget and, for throughput, beside a bare Express handler measured in the same run. Prints Markdown
 * tables and writes the same to bench/results.md. Never part of `npm test`.
 */
async function main(): Promise<void> {
  limitHeapGrowth();
  // `npm run bench -- sync webhooks` measures only the named sections and leaves bench/results.md as it is.
  const only = new Set(process.argv.slice(2));
  const unknown = [...only].filter((name) => !SECTIONS.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown bench section: ${unknown.join(', ')} (the sections: ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
  const wanted = (name: string) => only.size === 0 || only.has(name);
  const sections: string[] = [];
  const emit = (title: string, rows: Row[], note?: string) => {
    const table = renderTable(title, rows, note);
    console.log(`\n${table}\n`);
    sections.push(table);
  };

  if (wanted('sizes')) emit('Sizes', await benchSizes());
  if (wanted('flow')) emit('Flow speed (headless Chromium, loopback)', await benchFlow());
  if (wanted('sync')) emit('Sync (in-process, PGlite on disk)', await benchSync());
  if (wanted('webhooks')) emit('Webhooks (in-process, PGlite on disk, loopback receivers)', await benchWebhooks());
  if (wanted('connectors')) emit('Connectors (in-process, local fakes on loopback)', await benchConnectors());
  if (wanted('console')) emit('Console integrations list (in-process, HTTP, signed-in session)', await benchConsoleIntegrations());
  if (wanted('during-sync')) emit('API and memory during a 10k sync (server process, sync thread)', await benchDuringSync());
  if (wanted('request-log')) emit('Request log (one server process per store, logging on vs off side by side)', await benchRequestLog());
  if (!wanted('api')) return;

  const pglite = await benchApi('pglite');
  const memory: Row[] = [...pglite.memory];
  emit('API throughput and latency, PGlite (autocannon, 50 connections, 8 s after a warm-up)', pglite.rows);
  const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scratch = pgBase ? await scratchPostgres(pgBase) : null;
  if (scratch) {
    try {
      const postgres = await benchApi('postgres', scratch.url);
      memory.push(...postgres.memory);
      emit('API throughput and latency, PostgreSQL', postgres.rows);
    } finally {
      await scratch.drop();
    }
  } else {
    memory.push({ what: 'server RSS idle (postgres)', value: 'not measured: set DATABASE_URL or TEST_DATABASE_URL', budget: '<= 120 MB', pass: null });
  }
  memory.push(await benchFirstStartIdle());
  emit('Memory', memory);

  const header = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
    'Ratios compare with a bare Express handler measured in the same run; absolute times depend on the machine.',
  ].join('\n');
  if (only.size > 0) return;
  fs.writeFileSync(path.join(ROOT, 'bench/results.md'), `${header}\n\n${sections.join('\n\n')}\n`);
  console.log('written to bench/results.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
