import crypto from 'node:crypto';
import fs from 'node:fs';
import type { PagedSource, SourceItem } from '../server/connectors/data-source.ts';
import { SNAPSHOT_FIELD } from '../server/domain/hris/models.ts';
import { loadUnifiedRecords } from '../server/store/queries/hris-records.ts';
import { sandboxDataSource } from '../server/connectors/sandbox/company/source.ts';
import type { UnifiedEmployee } from '../server/connectors/unified-hris.ts';
import { requestSync } from '../server/domain/sync/queue.ts';
import { maintainEmbeddedStore } from '../server/domain/store-maintenance.ts';
import type { SyncPhases } from '../server/domain/sync/run-sync.ts';
import { runQueuedSync } from '../test/helpers/hris.ts';
import { createTenant, getEnvironment } from '../server/domain/tenants.ts';
import { scratchPostgres } from './api.ts';
import { createDeps } from '../server/composition-root.ts';
import { createLogger } from '../server/logger.ts';
import { createTestIntegration } from '../test/helpers/integrations.ts';
import { tempDir } from './lib/processes.ts';
import { fmt, type Row, stats } from './lib/table.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

interface SyncFigures {
  employees: number;
  fullMs: number;
  /** Where the full sync's time went. */
  fullPhases: SyncPhases;
  records: number;
  deltaMs: number;
  changed: number;
  /** A sync right after the full one in which `edited` employees changed their job title. */
  incrementalMs: number;
  incrementalChanged: number;
}

/**
 * A tool with a change feed after `count` employees spread over the company changed their job title:
 * a DELTA read naming only them (every other model unchanged). `employees` is the company as last synced.
 */
const withRetitled = (count: number, employees: UnifiedEmployee[]): PagedSource => ({
  readModels: sandboxDataSource.readModels,
  async *read() {
    const stride = Math.max(1, Math.floor(employees.length / count));
    const changed = employees.filter((_, i) => i % stride === 0).slice(0, count).map((e) => ({ ...e, jobTitle: `${e.jobTitle ?? ''} (acting)` }));
    for (const model of Object.values(SNAPSHOT_FIELD)) {
      yield (model === 'employees' ? { model, changed, deletedRemoteIds: [] } : { model, changed: [], deletedRemoteIds: [] }) as SourceItem;
    }
  },
});

/** "read 2.2 s, prepare 1.0 s, ...": where a run's time went. */
const phaseList = (p: SyncPhases) => Object.entries(p).map(([phase, ms]) => `${phase} ${fmt(ms / 1000, 1)} s`).join(', ');

/** Total of created+updated+deleted over a run's per-model counts. */
function changedIn(counts: Record<string, unknown> | null): number {
  let total = 0;
  for (const value of Object.values(counts ?? {})) {
    const c = value as { created?: number; updated?: number; deleted?: number };
    total += (c.created ?? 0) + (c.updated ?? 0) + (c.deleted ?? 0);
  }
  return total;
}

/**
 * A full first sync of a Sandbox company on PGlite (on disk, like `npm start`; in this thread or, like
 * `npm start`, in its own) or on PostgreSQL, then an incremental sync with 100 employees changed, then a
 * sync after a week of evolution.
 */
async function measure(employees: number, databaseUrl?: string, storeThread = false): Promise<SyncFigures> {
  const dataDir = tempDir('sync');
  let now = new Date('2026-03-02T08:00:00.000Z').getTime();
  const config = { databaseUrl, dataDir, secretKey: undefined, publicUrl: 'http://localhost', trustProxy: false as const, rateLimitPerMinute: 300 };
  const { deps, store, close } = await createDeps(config, createLogger('silent'), { clock: () => new Date(now), secret: crypto.randomBytes(32), storeThread });
  try {
    const { id: tenantId } = await createTenant(store.db, `bench-${employees}`, 'Bench');
    const environments = {
      production: (await getEnvironment(store.db, tenantId, 'production')).id,
      development: (await getEnvironment(store.db, tenantId, 'development')).id,
    };
    const id = await createTestIntegration(deps, { id: tenantId, environments }, { credentials: { company_size: String(employees) } });
    // The run's own account of where its time went (its `sync succeeded` log line).
    const phases = new Map<string, SyncPhases>();
    const logger = {
      info: (obj: object) => {
        const { syncId, phasesMs } = obj as { syncId?: string; phasesMs?: SyncPhases };
        if (syncId && phasesMs) phases.set(syncId, phasesMs);
      },
      error: () => {},
    };
    const runOnce = async (sourceFor?: typeof deps.sourceFor, type: 'FULL' | 'DELTA' = 'FULL') => {
      const { syncId } = await requestSync(deps, id, type, 'FORCED');
      const started = performance.now();
      await runQueuedSync(deps, syncId, { storeKind: deps.storeKind, logger, ...(sourceFor ? { sourceFor } : {}) });
      const ms = performance.now() - started;
      const run = await store.db.selectFrom('sync_runs').selectAll().where('integration_id', '=', id).orderBy('queued_at', 'desc').executeTakeFirstOrThrow();
      if (run.status !== 'SUCCEEDED') throw new Error(`sync failed: ${run.error}`);
      return { ms, counts: run.counts, phases: phases.get(syncId)! };
    };
    const full = await runOnce();
    // On the embedded store the full sync queued the store's maintenance (which a server's workers run
    // right away): its statistics let the incremental sync's lookups use their indexes. PostgreSQL's
    // autovacuum daemon does the same on its own schedule; the bench does not wait for it.
    if (store.kind === 'pglite') await maintainEmbeddedStore(store.db);
    const synced = (await loadUnifiedRecords(store.db, id, 'employees')).records as UnifiedEmployee[];
    const incremental = await runOnce(() => withRetitled(100, synced), 'DELTA');
    now += 7 * DAY_MS;
    const delta = await runOnce();
    return { employees, fullMs: full.ms, fullPhases: full.phases, records: changedIn(full.counts), deltaMs: delta.ms, changed: changedIn(delta.counts),
      incrementalMs: incremental.ms, incrementalChanged: changedIn(incremental.counts) };
  } finally {
    await close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs of each 10k configuration: one run swings by 10-20% on these machines, the median of three much less. */
const RUNS = 3;

/** What a configuration measured in RUNS runs, each on a new store: the run with the median full sync, and every full sync time. */
interface MedianFigures extends SyncFigures {
  fullRunsMs: number[];
  incrementalRunsMs: number[];
}

/** Runs `run` RUNS times; null when it cannot run (no PostgreSQL). */
async function medianOf(run: () => Promise<SyncFigures | null>): Promise<MedianFigures | null> {
  const all: SyncFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const figures = await run();
    if (!figures) return null;
    all.push(figures);
  }
  // RUNS is odd: the median is one of the runs.
  const middle = stats(all.map((f) => f.fullMs)).median;
  const chosen = all.find((f) => f.fullMs === middle)!;
  return { ...chosen, incrementalMs: stats(all.map((f) => f.incrementalMs)).median, fullRunsMs: all.map((f) => f.fullMs), incrementalRunsMs: all.map((f) => f.incrementalMs) };
}

/** A measurement on a new scratch PostgreSQL database, dropped after; null without a server. */
async function onScratchPostgres(base: string, run: (url: string) => Promise<SyncFigures>): Promise<SyncFigures | null> {
  const scratch = await scratchPostgres(base);
  if (!scratch) return null;
  try {
    return await run(scratch.url);
  } finally {
    await scratch.drop();
  }
}

/** "; median of 3: 5.1 / 4.9 / 5.3 s" when a figure is a median of several runs. */
const runList = (ms: number[]) => (ms.length > 1 ? `; median of ${ms.length}: ${ms.map((v) => fmt(v / 1000, 2)).join(' / ')} s` : '');

/**
 * Sync timings at 1,000 and 10,000 employees, and how the time grows between them; 10,000 with the
 * embedded store in this thread and, as `npm start` runs it, in its own, and on PostgreSQL when one is
 * configured, each the median of RUNS runs.
 */
export async function benchSync(postgresBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL): Promise<Row[]> {
  const small = await measure(1_000);
  const large = (await medianOf(() => measure(10_000)))!;
  const largeThread = (await medianOf(() => measure(10_000, undefined, true)))!;
  const onPostgres = postgresBase ? await medianOf(() => onScratchPostgres(postgresBase, (url) => measure(10_000, url))) : null;
  const line = (f: SyncFigures | MedianFigures, store = 'PGlite'): Row[] => [
    {
      what: `full sync, ${fmt(f.employees)} employees with related models (${store})`,
      value: `${fmt(f.fullMs / 1000, 2)} s (${fmt(f.records)} records; ${phaseList(f.fullPhases)}${'fullRunsMs' in f ? runList(f.fullRunsMs) : ''})`,
      budget: f.employees === 10_000 ? '<= 5 s' : '–',
      pass: f.employees === 10_000 ? f.fullMs <= 5000 : null,
    },
    {
      what: `incremental sync, 100 employees changed of ${fmt(f.employees)} (${store})`,
      value: `${fmt(f.incrementalMs / 1000, 2)} s (${fmt(f.incrementalChanged)} records changed${store.startsWith('PGlite') ? '; after the store maintenance the full sync queues' : ''}${'incrementalRunsMs' in f ? runList(f.incrementalRunsMs) : ''})`,
      budget: f.employees === 10_000 ? '<= 1 s' : '–',
      pass: f.employees === 10_000 ? f.incrementalMs <= 1000 : null,
    },
    {
      what: `sync after 7 days of evolution, ${fmt(f.employees)} employees (${store})`,
      value: `${fmt(f.deltaMs / 1000, 2)} s (${fmt(f.changed)} records changed)`,
      budget: '–',
      pass: null,
    },
  ];
  return [
    ...line(small),
    ...line(large),
    ...line(largeThread, 'PGlite in its own thread, as under npm start'),
    ...(onPostgres ? line(onPostgres, 'PostgreSQL') : []),
    {
      what: 'growth of the full sync time from 1k to 10k employees',
      value: `${fmt(large.fullMs / small.fullMs, 1)}x for 10x the data`,
      budget: '–',
      pass: null,
    },
  ];
}
