import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type LoadResult, measureLoad } from './lib/load.ts';
import { type Child, createDevKey, describeIdleRss, freePort, rssMb, settledRssMb, spawnBuiltServer, spawnTs, tempDir } from './lib/processes.ts';
import { fmt, type Row } from './lib/table.ts';
import { type ScratchDatabase, scratchDatabase } from '../test/helpers/scratch-database.ts';

/** What the API section measured on one store. */
export interface ApiBench {
  store: 'pglite' | 'postgres';
  rows: Row[];
  memory: Row[];
}

const BIG_LIMIT = '1000000000';

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, init);
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Connects a Sandbox of `employees` employees through the public API and the flow API; waits for its first sync. */
export async function connectSandbox(base: string, key: string, employees: number): Promise<{ id: string; syncMs: number }> {
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const { data: link } = await json(`${base}/v1/connect/create-link`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ end_user_email: 'bench@example.com', end_user_organization_name: 'Bench Inc', integration_tool: 'sandbox' }),
  });
  const token = new URL(link.link).searchParams.get('token')!;
  const started = Date.now();
  const { data: outcome } = await json(`${base}/flow/v1/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-plugboard-link': token },
    body: JSON.stringify({
      tool: 'sandbox',
      credentials: { company_subdomain: 'bench', api_key: 'bench-key', company_size: String(employees) },
    }),
  });
  if (outcome.outcome !== 'connected') throw new Error(`sandbox did not connect: ${JSON.stringify(outcome)}`);
  const { data: integration } = await json(`${base}/v1/connect/integration-by-token/${encodeURIComponent(outcome.activation_token)}`, {
    headers: auth,
  });
  for (;;) {
    // A long first sync keeps the server busy; a kept-alive socket it closed meanwhile just means "ask again".
    const polled = await json(`${base}/v1/integrations/${encodeURIComponent(integration.id)}`, { headers: auth }).catch(
      (err: Error) => {
        if (err.message !== 'fetch failed') throw err;
        return null;
      },
    );
    if (polled?.data.setup_status === 'COMPLETED') break;
    if (Date.now() - started > 300_000) throw new Error('the first sync did not complete within 5 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { id: integration.id, syncMs: Date.now() - started };
}

/** Follows `next` to the last page and returns its cursor (for the keyset pagination comparison). */
async function lastCursor(url: string, headers: Record<string, string>): Promise<string> {
  let cursor: string | null = null;
  let last = '';
  for (;;) {
    const { data }: { data: { next: string | null } } = await json(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url, { headers });
    if (!data.next) return last;
    last = data.next;
    cursor = data.next;
  }
}

const loadRow = (what: string, r: LoadResult, reference: number, budget: string, pass: boolean | null): Row => ({
  what,
  value: `${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ratio ${fmt(r.rps / reference, 2)}${r.non2xx + r.errors ? `, ${r.non2xx + r.errors} non-2xx/errors` : ''}`,
  budget,
  pass,
});

/** Runs the API throughput/latency and memory measurements against a server process on one store. */
export async function benchApi(store: 'pglite' | 'postgres', databaseUrl?: string): Promise<ApiBench> {
  const dataDir = tempDir('api');
  const port = await freePort();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: BIG_LIMIT,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const key = await createDevKey(env);
  let server: Child | undefined;
  let bare: Child | undefined;
  try {
    server = await spawnBuiltServer(env);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = await settledRssMb(server.process.pid!);
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${key}` };
    const { id } = await connectSandbox(base, key, 10_000);
    const scoped = { ...auth, 'x-integration-id': id };
    const employees = `${base}/v1/hris/employees?page_size=100`;
    // The employees rows' reference sends the bytes of this very page, with its content type, from memory.
    const page = await fetch(employees, { headers: scoped });
    if (page.status !== 200) throw new Error(`GET ${employees} answered ${page.status}`);
    const pageFile = path.join(dataDir, 'employees-page.json');
    fs.writeFileSync(pageFile, Buffer.from(await page.arrayBuffer()));
    const barePort = await freePort();
    bare = await spawnTs('bench/lib/bare-server.ts', [String(barePort), pageFile, page.headers.get('content-type') ?? 'application/json'], {}, 'bare ready');
    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    const pageUrl = `http://127.0.0.1:${barePort}/page`;
    const late = await lastCursor(employees, scoped);
    const reference1 = await measureLoad({ url: bareUrl });
    const pageReference1 = await measureLoad({ url: pageUrl });
    const check = await measureLoad({ url: `${base}/v1/check-api-key`, headers: auth });
    const first = await measureLoad({ url: employees, headers: scoped });
    const last = await measureLoad({ url: `${employees}&cursor=${encodeURIComponent(late)}`, headers: scoped });
    const details = await measureLoad({ url: `${base}/v1/integrations/${encodeURIComponent(id)}`, headers: auth });
    const pageReference2 = await measureLoad({ url: pageUrl });
    const reference2 = await measureLoad({ url: bareUrl });
    const reference = (reference1.rps + reference2.rps) / 2;
    const pageReference = (pageReference1.rps + pageReference2.rps) / 2;
    const loaded = rssMb(server.process.pid!);
    const clean = (r: LoadResult) => r.non2xx + r.errors === 0;
    const checkBudget = store === 'pglite' ? 0.6 : 0.4;
    const pageBytes = fs.statSync(pageFile).size;
    const rows: Row[] = [
      { what: 'bare Express handler, small JSON (reference, mean of two runs)', value: `${fmt(reference)} req/s, p99 ${Math.max(reference1.p99, reference2.p99)} ms`, budget: '–', pass: null },
      {
        what: `bare Express handler, the first employees page's ${fmt(pageBytes / 1024)} KB from memory (reference, mean of two runs)`,
        value: `${fmt(pageReference)} req/s, p99 ${Math.max(pageReference1.p99, pageReference2.p99)} ms`,
        budget: '–',
        pass: null,
      },
      loadRow('GET /v1/check-api-key (vs small JSON)', check, reference, `>= ${checkBudget} of reference`, clean(check) && check.rps / reference >= checkBudget),
      loadRow('GET /v1/hris/employees?page_size=100, first page (10k; vs same bytes)', first, pageReference, '>= 0.5 of reference', clean(first) && first.rps / pageReference >= 0.5),
      loadRow('same, last page (vs same bytes)', last, pageReference, '–', clean(last) ? null : false),
      {
        what: 'last page / first page latency (p50)',
        value: fmt(last.p50 / Math.max(first.p50, 0.001), 2),
        budget: '<= 1.3',
        pass: clean(first) && clean(last) && last.p50 <= 1.3 * Math.max(first.p50, 1),
      },
      loadRow('GET /v1/integrations/{id} (vs small JSON)', details, reference, '–', clean(details) ? null : false),
    ];
    const budget = store === 'pglite' ? 250 : 120;
    const memory: Row[] = [
      { what: `server RSS idle (${store})`, value: describeIdleRss(idle), budget: `<= ${budget} MB`, pass: idle.settledMb <= budget },
      { what: `server RSS after the API load (${store})`, value: `${fmt(loaded)} MB`, budget: '–', pass: null },
    ];
    return { store, rows, memory };
  } finally {
    await server?.stop();
    await bare?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Creates a throwaway PostgreSQL database for the bench when `base` answers; returns its URL and a cleanup. */
export async function scratchPostgres(base: string): Promise<ScratchDatabase | null> {
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.end();
  return scratchDatabase(base, 'plugboard_bench');
}
