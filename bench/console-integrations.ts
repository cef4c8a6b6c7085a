import crypto from 'node:crypto';
import fs from 'node:fs';
import { sealCredentials } from '../server/domain/credentials-crypto.ts';
import { defaultScopeConfigId } from '../server/domain/integrations.ts';
import { maintainEmbeddedStore } from '../server/domain/store-maintenance.ts';
import { createTenant, getEnvironment } from '../server/domain/tenants.ts';
import { openStore, type Store } from '../server/store/db.ts';
import type { IntegrationsTable } from '../server/store/schema.ts';
import type { Insertable } from 'kysely';
import { startApp } from '../test/helpers/app.ts';
import { addConsoleUser, signedIn } from '../test/server/console/console-client.ts';
import { scratchPostgres } from './api.ts';
import { tempDir } from './lib/processes.ts';
import { fmt, type Row, stats } from './lib/table.ts';

const INTEGRATIONS = 10_000;
const SAMPLES = 60;
const BUDGET_MS = 50;
const TOOLS = ['sandbox', 'personio', 'bamboohr', 'hibob'];
const STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'INVALID', 'INACTIVE'] as const;

/** 10,000 integrations in one environment: varied organisations, emails, origin IDs, tools and states, a minute apart. */
async function seed(store: Store, environmentId: string, secret: Buffer): Promise<void> {
  const sealed = sealCredentials(secret, 'bench', { api_key: 'bench' });
  const start = Date.now() - INTEGRATIONS * 60_000;
  for (let batch = 0; batch < INTEGRATIONS; batch += 500) {
    const rows: Insertable<IntegrationsTable>[] = [];
    for (let i = batch; i < batch + 500; i++) {
      const at = new Date(start + i * 60_000);
      const tool = TOOLS[i % TOOLS.length]!;
      const status = STATUSES[i % STATUSES.length]!;
      rows.push({
        id: `${tool}:${crypto.randomBytes(12).toString('hex')}`,
        environment_id: environmentId,
        tool,
        category: 'HRIS',
        status,
        inactive_reason: status === 'INACTIVE' ? (i % 2 ? 'STALE' : 'MANUAL') : null,
        setup_status: i % 7 === 0 ? 'INCOMPLETE' : 'COMPLETED',
        end_user_email: `hr-${i}@customer-${i}.example`,
        end_user_organization_name: `Customer ${i} GmbH`,
        end_user_origin_id: `origin-${i}`,
        scope_config_id: defaultScopeConfigId(environmentId),
        remote_environment: null,
        credentials_key_id: sealed.keyId,
        credentials_ciphertext: sealed.ciphertext,
        created_at: at,
        updated_at: at,
        last_api_request_at: at,
        data_expired_at: null,
      });
    }
    await store.db.insertInto('integrations').values(rows).execute();
  }
}

/** Median latency of the console's list API for each query, over a signed-in session. */
async function measure(storeName: string, store: Store): Promise<Row[]> {
  const app = await startApp(store, { jobs: false, config: { trustProxy: ['loopback'] } });
  try {
    const { id: tenantId } = await createTenant(store.db, `bench-${crypto.randomUUID()}`, 'Bench');
    const environment = await getEnvironment(store.db, tenantId, 'production');
    await seed(store, environment.id, app.deps.secret);
    // What the embedded store's maintenance job does within five minutes of such a change (PGlite has no
    // autovacuum; PostgreSQL's daemon analyzes the table on its own).
    if (store.kind === 'pglite') await maintainEmbeddedStore(store.db);
    const admin = await addConsoleUser(app.deps, tenantId, 'admin');
    const client = await signedIn(app.url, admin.email, tenantId);
    const queries = [
      ['first page', ''],
      ['search "customer 42"', '?search=customer%2042'],
      ['filter status=INACTIVE, tool=personio', '?status=INACTIVE&tool=personio'],
      ['search "gmbh" + filter status=ACTIVE', '?search=gmbh&status=ACTIVE'],
    ] as const;
    const rows: Row[] = [];
    for (const [label, query] of queries) {
      const path = `/environments/production/integrations${query}`;
      for (let i = 0; i < 5; i++) await client.request('GET', path); // warm-up
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now();
        const res = await client.request('GET', path);
        times.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`console integrations bench: ${path} answered ${res.status}`);
      }
      const { median } = stats(times);
      rows.push({ what: `integrations list API, ${fmt(INTEGRATIONS)} integrations, ${label} (${storeName}), p50`, value: `${fmt(median, 1)} ms`, budget: `<= ${BUDGET_MS} ms`, pass: median <= BUDGET_MS });
    }
    return rows;
  } finally {
    await app.close();
  }
}

/**
 * The console's integrations list with 10,000 integrations: the first page, a search, filters and both,
 * each the median of 60 requests over HTTP with a signed-in session. PGlite on disk, and PostgreSQL
 * when DATABASE_URL or TEST_DATABASE_URL names one.
 */
export async function benchConsoleIntegrations(): Promise<Row[]> {
  const dataDir = tempDir('plugboard-bench-console');
  const rows: Row[] = [];
  try {
    const pglite = await openStore({ dataDir });
    try {
      rows.push(...(await measure('PGlite', pglite)));
    } finally {
      await pglite.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scratch = base ? await scratchPostgres(base) : null;
  if (scratch) {
    try {
      const postgres = await openStore({ databaseUrl: scratch.url });
      try {
        rows.push(...(await measure('PostgreSQL', postgres)));
      } finally {
        await postgres.close();
      }
    } finally {
      await scratch.drop();
    }
  }
  return rows;
}
