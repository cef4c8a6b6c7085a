import fs from 'node:fs';
import { connectSandbox, scratchPostgres } from './api.ts';
import { measureLoad } from './lib/load.ts';
import { createDevKey, describeIdleRss, freePort, rssMb, settledRssMb, spawnBuiltServer, tempDir } from './lib/processes.ts';
import { fmt, type Row } from './lib/table.ts';

/** Seconds of each measured load (after a warm-up of 2 s): short enough to fit inside a 10k sync. */
const LOAD_SECONDS = 3;
const EMPLOYEES = 10_000;

/**
 * The API while a sync runs, on one store: `GET /v1/check-api-key` p99 at 50 connections idle and
 * during a 10k Sandbox sync (the sync runs in its own thread, so the ratio shows what is left of the
 * interference: CPU shared on the machine, the store), and the server's RSS idle and at its peak.
 */
async function measure(store: 'pglite' | 'postgres', databaseUrl?: string): Promise<Row[]> {
  const dataDir = tempDir('during-sync');
  const port = await freePort();
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const key = await createDevKey(env);
  const server = await spawnBuiltServer(env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const check = { url: `${base}/v1/check-api-key`, headers: { authorization: `Bearer ${key}` }, duration: LOAD_SECONDS };
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = await settledRssMb(server.process.pid!);
    const idle = await measureLoad(check);

    let peak = rssMb(server.process.pid!);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.process.pid!))), 100);
    let syncing = true;
    const connected = connectSandbox(base, key, EMPLOYEES).finally(() => (syncing = false));
    const during = await measureLoad(check);
    const overlapped = syncing;
    const { syncMs } = await connected;
    clearInterval(sampler);

    const ratio = during.p99 / Math.max(idle.p99, 1);
    const clean = during.non2xx + during.errors === 0;
    const rssBudget = store === 'pglite' ? 600 : null;
    const idleBudget = store === 'pglite' ? 250 : 120;
    return [
      {
        what: `GET /v1/check-api-key p99 at 50 connections during a 10k sync vs idle (${store})`,
        value: `idle p99 ${idle.p99} ms, during ${during.p99} ms (${fmt(during.rps)} req/s), ratio ${fmt(ratio, 2)}${overlapped ? '' : ', the sync ended before the load did'}${clean ? '' : `, ${during.non2xx + during.errors} non-2xx/errors`}`,
        budget: '<= 2x',
        pass: overlapped && clean && ratio <= 2,
      },
      { what: `first sync of the 10k Sandbox under that load, connect to COMPLETED (${store})`, value: `${fmt(syncMs / 1000, 1)} s`, budget: '–', pass: null },
      { what: `server RSS idle, before the sync (${store})`, value: describeIdleRss(idleRss), budget: `<= ${idleBudget} MB`, pass: idleRss.settledMb <= idleBudget },
      { what: `peak server RSS during the 10k sync (${store})`, value: `${fmt(peak)} MB`, budget: rssBudget ? `<= ${rssBudget} MB` : '–', pass: rssBudget ? peak <= rssBudget : null },
    ];
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- during-sync`: the API and memory during a 10k sync, on PGlite and (when configured) PostgreSQL. */
export async function benchDuringSync(): Promise<Row[]> {
  const rows = await measure('pglite');
  const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scratch = pgBase ? await scratchPostgres(pgBase) : null;
  if (!scratch) return [...rows, { what: 'during a 10k sync (postgres)', value: 'not measured: set DATABASE_URL or TEST_DATABASE_URL', budget: '–', pass: null }];
  try {
    return [...rows, ...(await measure('postgres', scratch.url))];
  } finally {
    await scratch.drop();
  }
}
