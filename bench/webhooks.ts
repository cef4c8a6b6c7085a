import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntegration, type IntegrationRecord } from '../server/domain/integrations.ts';
import { createTenant, getEnvironment } from '../server/domain/tenants.ts';
import { JOB_QUEUES } from '../server/domain/jobs/queues.ts';
import { startWebhookWorkers } from '../server/domain/webhooks/webhook-jobs.ts';
import { createPgBossQueue, type PgBossQueue } from '../server/jobs/pg-boss-queue.ts';
import { createLogger } from '../server/logger.ts';
import { createEndpoint, deleteEndpoint } from '../server/domain/webhooks/endpoints.ts';
import { integrationStateChanged } from '../server/domain/webhooks/events.ts';
import { recordEvent } from '../server/domain/webhooks/record-event.ts';
import { openStore, type Store } from '../server/store/db.ts';
import { createTestIntegration } from '../test/helpers/integrations.ts';
import { tempDir } from './lib/processes.ts';
import { fmt, type Row, stats } from './lib/table.ts';

const ACTOR = { actor: 'bench', source: 'bench' };

/** A local receiver answering 200 at once (or never, when `dead`), noting when each event ID arrived. */
async function receiver(dead = false): Promise<{ url: string; arrived: Map<string, number>; close(): Promise<void> }> {
  const arrived = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (dead) return;
      const { id } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
      if (!arrived.has(id)) arrived.set(id, performance.now());
      res.writeHead(200).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/in`,
    arrived,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('webhook bench: deliveries did not arrive in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Setup {
  store: Store;
  deps: { db: Store['db']; clock: () => Date; secret: Buffer; jobs: PgBossQueue };
  tenantId: string;
  integrations: IntegrationRecord[];
}

async function setup(dataDir: string, name: string): Promise<Setup> {
  const store = await openStore({ dataDir });
  const jobs = createPgBossQueue(store, { queues: JOB_QUEUES, logger: createLogger('silent') });
  await jobs.start();
  const deps = { db: store.db, clock: () => new Date(), secret: crypto.randomBytes(32), jobs };
  const { id: tenantId } = await createTenant(store.db, name, 'Bench');
  const environments = { production: (await getEnvironment(store.db, tenantId, 'production')).id, development: (await getEnvironment(store.db, tenantId, 'development')).id };
  const integrations: IntegrationRecord[] = [];
  for (let i = 0; i < 20; i++) {
    const id = await createTestIntegration(deps, { id: tenantId, environments });
    integrations.push(await getIntegration(store.db, { tenantId }, id));
  }
  return { store, deps, tenantId, integrations };
}

/** One change = one transaction writing one event; returns its ID and when it committed. */
async function change(s: Setup, i: number): Promise<{ id: string; at: number }> {
  const id = await s.store.db.transaction().execute((trx) => recordEvent(trx, integrationStateChanged(s.integrations[i % s.integrations.length]!), new Date(), { jobs: s.deps.jobs }));
  return { id, at: performance.now() };
}

/** Changes at a steady rate for `count` events; p99 of change-to-delivery at the healthy receiver. */
async function latencyP99(s: Setup, healthy: { arrived: Map<string, number> }, count: number, perSecond: number): Promise<number> {
  const committed: { id: string; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    committed.push(await change(s, i));
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  await until(() => committed.every((c) => healthy.arrived.has(c.id)), 30_000);
  return p99(committed.map((c) => healthy.arrived.get(c.id)! - c.at));
}

/** Throughput, latency and isolation of webhook delivery, in-process on PGlite on disk over loopback HTTP. */
export async function benchWebhooks(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = tempDir('webhooks');
  const s = await setup(dataDir, 'bench-webhooks');
  const healthy = await receiver();
  const dead = await receiver(true);
  try {
    await createEndpoint(s.deps, ACTOR, { tenantId: s.tenantId, environment: 'development', url: healthy.url, eventTypes: [] });

    // Throughput: a backlog of 2,000 events of 20 integrations (with their drain jobs), drained by fresh workers.
    const backlog = 2_000;
    for (let i = 0; i < backlog; i++) await change(s, i);
    const started = performance.now();
    const stop = await startWebhookWorkers(s.deps, { retentionCron: null });
    await until(() => healthy.arrived.size >= backlog, 120_000);
    const perSecond = backlog / ((performance.now() - started) / 1000);
    rows.push({ what: 'webhook events delivered per second (local receiver, 2,000-event backlog)', value: fmt(perSecond), budget: '>= 200', pass: perSecond >= 200 });

    // The p99 of a few hundred samples moves with whatever else the machine does: baseline and dead-endpoint
    // phases alternate, three rounds each, and the medians are compared.
    const baselines: number[] = [];
    const besideDead: number[] = [];
    for (let round = 0; round < 3; round++) {
      baselines.push(await latencyP99(s, healthy, 300, 50));
      const { endpoint } = await createEndpoint(s.deps, ACTOR, { tenantId: s.tenantId, environment: 'development', url: dead.url, eventTypes: [] });
      besideDead.push(await latencyP99(s, healthy, 300, 50));
      await deleteEndpoint(s.deps, ACTOR, s.tenantId, endpoint.id);
    }
    await stop();
    const baseline = stats(baselines).median;
    const withDead = stats(besideDead).median;
    rows.push({ what: 'p99 change-to-delivery, receiver healthy (50 changes/s; median of 3)', value: `${fmt(baseline)} ms`, budget: '<= 1000 ms', pass: baseline <= 1000 });
    const ratio = withDead / baseline;
    rows.push({ what: 'the same beside a dead endpoint (never answers; median of 3)', value: `${fmt(withDead)} ms (${fmt(ratio, 2)}x)`, budget: '<= 1.2x', pass: ratio <= 1.2 });
  } finally {
    await healthy.close();
    await dead.close();
    await s.deps.jobs.stop({ graceMs: 1_000 });
    await s.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
