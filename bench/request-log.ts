import fs from 'node:fs';
import { scratchPostgres } from './api.ts';
import { type LoadResult, measureLoad } from './lib/load.ts';
import { createDevKey, freePort, spawnTs, tempDir } from './lib/processes.ts';
import { fmt, type Row } from './lib/table.ts';

/** Rounds per side; the sides alternate so that drift of the machine hits both alike. */
const ROUNDS = 3;

const mean = (runs: LoadResult[]) => runs.reduce((sum, r) => sum + r.rps, 0) / runs.length;

/**
 * `/v1` throughput with the request log on vs off: two apps over one store in one server process,
 * measured alternately with autocannon on `GET /v1/check-api-key` (the cheapest route, so the
 * logging's share is the largest). PGlite always; PostgreSQL too when DATABASE_URL or
 * TEST_DATABASE_URL answers.
 */
export async function benchRequestLog(): Promise<Row[]> {
  const rows = await benchOn('PGlite');
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scratch = base ? await scratchPostgres(base) : null;
  if (!scratch) return [...rows, { what: '/v1 throughput, request log on / off (PostgreSQL)', value: 'not measured: set DATABASE_URL or TEST_DATABASE_URL', budget: '>= 0.9', pass: null }];
  try {
    return [...rows, ...(await benchOn('PostgreSQL', scratch.url))];
  } finally {
    await scratch.drop();
  }
}

async function benchOn(store: string, databaseUrl?: string): Promise<Row[]> {
  const dataDir = tempDir('request-log');
  const [portOn, portOff] = [await freePort(), await freePort()];
  const key = await createDevKey({ DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const server = await spawnTs('bench/lib/request-log-server.ts', [dataDir, String(portOn), String(portOff), databaseUrl ?? ''], {}, 'request-log bench ready');
  try {
    const headers = { authorization: `Bearer ${key}` };
    const on: LoadResult[] = [];
    const off: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      off.push(await measureLoad({ url: `http://127.0.0.1:${portOff}/v1/check-api-key`, headers, duration: 5 }));
      on.push(await measureLoad({ url: `http://127.0.0.1:${portOn}/v1/check-api-key`, headers, duration: 5 }));
    }
    // The "on" side really records: its errors link to an entry, the "off" side's do not.
    const logUrl = async (port: number) =>
      ((await (await fetch(`http://127.0.0.1:${port}/v1/integrations/sandbox:bench`, { headers })).json()) as { error: { log_url: string | null } }).error.log_url;
    const [linkedOn, linkedOff] = [await logUrl(portOn), await logUrl(portOff)];
    const clean = [...on, ...off].every((r) => r.non2xx + r.errors === 0) && linkedOn !== null && linkedOff === null;
    const ratio = mean(on) / mean(off);
    return [
      { what: `GET /v1/check-api-key, request log off (${store})`, value: `${fmt(mean(off))} req/s (mean of ${ROUNDS}), p99 ${Math.max(...off.map((r) => r.p99))} ms`, budget: '–', pass: null },
      { what: `same, request log on (${store})`, value: `${fmt(mean(on))} req/s (mean of ${ROUNDS}), p99 ${Math.max(...on.map((r) => r.p99))} ms`, budget: '–', pass: null },
      { what: `/v1 throughput, request log on / off (${store})`, value: fmt(ratio, 2), budget: '>= 0.9', pass: clean && ratio >= 0.9 },
    ];
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
