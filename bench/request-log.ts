import fs from 'node:fs';
import { scratchPostgres } from './api.ts';
import { type LoadResult, measureLoad } from './lib/load.ts';
import { createDevKey, freePort, spawnTs, tempDir } from './lib/processes.ts';
import { fmt, type Row, stats } from './lib/table.ts';

/**
 * Rounds per side: a multiple of the three sides, so that each takes each place in the order equally
 * often. Six, not three: on 2 cores the control (off / off) read anywhere from 0.86 to 1.07 over three.
 */
const ROUNDS = 6;

const mean = (runs: LoadResult[]) => runs.reduce((sum, r) => sum + r.rps, 0) / runs.length;

/**
 * The ratio of two sides as the median of their per-round ratios: the runs of one round are back to
 * back, so what drifts between rounds (the machine's speed read 2,300 to 4,600 req/s for one side over
 * a run) cancels out, and one disturbed run moves the median less than the mean.
 */
const roundRatios = (a: LoadResult[], b: LoadResult[]) => a.map((run, i) => run.rps / b[i]!.rps);
const pairedRatio = (a: LoadResult[], b: LoadResult[]) => stats(roundRatios(a, b)).median;

/**
 * `/v1` throughput with the request log on vs off: apps over one store in one server process,
 * measured in turns with autocannon on `GET /v1/check-api-key` (the cheapest route, so the
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

/** The three apps of one run: logging on, logging off, and a second "off" (the control, for the noise floor). */
type Side = 'on' | 'off' | 'control';
const SIDES: Side[] = ['on', 'off', 'control'];

async function benchOn(store: string, databaseUrl?: string): Promise<Row[]> {
  const dataDir = tempDir('request-log');
  const ports: Record<Side, number> = { on: await freePort(), off: await freePort(), control: await freePort() };
  const key = await createDevKey({ DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const args = [dataDir, String(ports.on), String(ports.off), String(ports.control), databaseUrl ?? ''];
  const server = await spawnTs('bench/lib/request-log-server.ts', args, {}, 'request-log bench ready');
  try {
    const headers = { authorization: `Bearer ${key}` };
    const runs: Record<Side, LoadResult[]> = { on: [], off: [], control: [] };
    // Back-to-back runs drift (the later of two identical apps often reads lower): the sides rotate,
    // so each goes first, second and third equally often.
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < SIDES.length; i++) {
        const side = SIDES[(round + i) % SIDES.length]!;
        runs[side].push(await measureLoad({ url: `http://127.0.0.1:${ports[side]}/v1/check-api-key`, headers, duration: 5 }));
      }
    }
    // The "on" side really records: its errors link to an entry, the "off" side's do not.
    const logUrl = async (port: number) =>
      ((await (await fetch(`http://127.0.0.1:${port}/v1/integrations/sandbox:bench`, { headers })).json()) as { error: { log_url: string | null } }).error.log_url;
    const [linkedOn, linkedOff] = [await logUrl(ports.on), await logUrl(ports.off)];
    const clean = SIDES.every((side) => runs[side].every((r) => r.non2xx + r.errors === 0)) && linkedOn !== null && linkedOff === null;
    const ratio = pairedRatio(runs.on, runs.off);
    const perRound = (side: Side) => roundRatios(runs[side], runs.off).map((r) => fmt(r, 2)).join(', ');
    const describe = (side: Side) => `${fmt(mean(runs[side]))} req/s (mean of ${ROUNDS}; ${runs[side].map((r) => fmt(r.rps)).join(', ')}), p99 ${Math.max(...runs[side].map((r) => r.p99))} ms`;
    return [
      { what: `GET /v1/check-api-key, request log off (${store})`, value: describe('off'), budget: '–', pass: null },
      { what: `same, request log on (${store})`, value: describe('on'), budget: '–', pass: null },
      { what: `same, a second app with the log off (${store}; control: off / off is the noise floor)`, value: `${describe('control')}; ratio ${fmt(pairedRatio(runs.control, runs.off), 2)} (per round ${perRound('control')})`, budget: '–', pass: null },
      { what: `/v1 throughput, request log on / off (${store}; median of the per-round ratios)`, value: `${fmt(ratio, 2)} (per round ${perRound('on')}; ratio of the means ${fmt(mean(runs.on) / mean(runs.off), 2)})`, budget: '>= 0.9', pass: clean && ratio >= 0.9 },
    ];
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
