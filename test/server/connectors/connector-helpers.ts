import { createConnectorRuntime } from '../../../server/connectors/http/runtime.ts';
import { connectorTokenStore } from '../../../server/domain/connector-tokens.ts';
import { call, type TestApp } from '../../helpers/app.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { createLinkToken, flowCall } from '../connect/connect-helpers.ts';
import { type HrisSchemaName, hrisSchemaErrors } from '../hris/hris-schemas.ts';

/**
 * Gives the app a connector runtime pointing at the fakes, logging into the app's log, with short waits
 * so retries stay fast. The app reads its runtime per request and per sync, so replacing it is enough.
 */
export function useFakes(app: TestApp, origins: Record<string, string>, limits = { concurrency: 4, perSecond: 1000 }) {
  app.deps.connectorRuntime = createConnectorRuntime({
    origins,
    logger: app.deps.logger,
    tokenStore: connectorTokenStore(app.deps),
    limits,
    timeouts: { connectMs: 1000, totalMs: 5000 },
    retry: { retries: 4, baseMs: 5, capMs: 20, maxRetryAfterMs: 5000 },
  });
  return app.deps.connectorRuntime;
}

/** POST /flow/v1/connect for `tool` on a fresh link of the key's environment. */
export async function connectTool(app: TestApp, key: string, tool: string, credentials: Record<string, string>) {
  const token = await createLinkToken(app, key);
  return flowCall(app, '/connect', token, { method: 'POST', body: { tool, credentials } });
}

/** Connects `tool` and exchanges the activation token: the new integration's ID. */
export async function connectedIntegration(app: TestApp, key: string, tool: string, credentials: Record<string, string>): Promise<string> {
  const res = await connectTool(app, key, tool, credentials);
  if (res.body?.data?.outcome !== 'connected') throw new Error(`connect answered ${JSON.stringify(res.body)}`);
  const exchanged = await call(`${app.url}/v1/connect/integration-by-token/${res.body.data.activation_token}`, key);
  return exchanged.body.data.id as string;
}

/** Every record of a unified endpoint (deleted ones included), each page checked against the OpenAPI schema. */
export async function listAll(app: TestApp, key: string, integrationId: string, path: string): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(`${app.url}/v1/hris/${path}?page_size=250&include_deleted=true${cursor ? `&cursor=${cursor}` : ''}`, key, {
      headers: integrationHeader(integrationId),
    });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const errors = hrisSchemaErrors(`/hris/${path}` as HrisSchemaName, res.body);
    if (errors.length) throw new Error(`${path} does not match the schema: ${errors.join('; ')}`);
    records.push(...res.body.data.results);
    cursor = res.body.data.next;
  } while (cursor);
  return records;
}

/** The unified endpoints a connector can fill (a tool without legal entities answers 403 on that one: leave it out). */
export const HRIS_PATHS = ['employees', 'employments', 'groups', 'locations', 'legal-entities', 'absence-types', 'absences', 'time-off-balances'] as const;

/** Every unified endpoint's records (deleted ones included, schema-checked), by path: what the API serves of an integration. */
export async function servedData(app: TestApp, key: string, integrationId: string, paths: readonly string[] = HRIS_PATHS): Promise<Record<string, Record<string, unknown>[]>> {
  const served: Record<string, Record<string, unknown>[]> = {};
  for (const path of paths) served[path] = await listAll(app, key, integrationId, path);
  return served;
}

/** The requests a fake answered while `run` ran. */
export async function requestsDuring<R>(fake: { requests: R[] }, run: () => Promise<unknown>): Promise<R[]> {
  const before = fake.requests.length;
  await run();
  return fake.requests.slice(before);
}
