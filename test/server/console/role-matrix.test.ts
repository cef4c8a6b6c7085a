import type { Router } from 'express';
import { listApiKeys } from '../../../server/domain/api-keys.ts';
import { listAudit } from '../../../server/domain/audit.ts';
import { listUsers } from '../../../server/domain/console/users.ts';
import { dashboardApiRoutes } from '../../../server/http/routes/dashboard/dashboard-api.routes.ts';
import { createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { addConsoleUser, signedIn } from './console-client.ts';
import { TEST_ACTOR } from '../../helpers/app.ts';
import { createEndpoint, listEndpoints } from '../../../server/domain/webhooks/endpoints.ts';
import { sendTestEvent } from '../../../server/domain/webhooks/test-event.ts';

type Role = 'admin' | 'developer' | 'operator';
type Env = 'production' | 'development';

interface Target {
  tenant: TestTenant;
  app: TestApp;
  env: Env;
}

interface RouteCase {
  method: string;
  /** The route as declared (`:environment`, `:id`), to compare with the router. */
  route: string;
  /** Builds the concrete path (creating what it acts on) and body. */
  prepare(t: Target): Promise<{ path: string; body?: unknown }>;
  /** The product spec's table, written out: `role` for tenant-wide routes, `role@environment` per environment. */
  allowed: string[];
  /** Where an allowed call gets a domain answer other than 200 (the guard let it through): that answer's message, per environment or for all. */
  domainAnswer?: string | Partial<Record<Env, string>>;
}

const EVERY_ROLE = ['admin', 'developer', 'operator'];
const KEYS = ['admin@production', 'admin@development', 'developer@development'];
const WORKING_SET = ['admin@production', 'admin@development', 'developer@development', 'operator@production'];
const userTarget = async (t: Target) => addConsoleUser(t.app.deps, t.tenant.id, 'operator');
/** A request log entry in the target's environment; answers its request id. */
const loggedRequest = async (t: Target) => {
  const requestId = `matrix-${crypto.randomUUID()}`;
  const row = { environment_id: t.tenant.environments[t.env], request_id: requestId, at: new Date(), method: 'GET', path: '/v1/check-api-key', status: 200, latency_ms: 1, api_key_id: 'k', integration_id: null };
  await t.app.deps.db.insertInto('request_logs').values(row).execute();
  return requestId;
};
const integrationOf = (t: Target) => createTestIntegration(t.app.deps, t.tenant, { environment: t.env });
const integrationPath = (t: Target, id: string, rest = '') => `/environments/${t.env}/integrations/${encodeURIComponent(id)}${rest}`;
/** A webhook endpoint in the target's environment (a public address literal: production takes only those, over https). */
const webhookTarget = async (t: Target) =>
  (await createEndpoint(t.app.deps, TEST_ACTOR, { tenantId: t.tenant.id, environment: t.env, url: 'https://93.184.215.14/hooks', eventTypes: [] })).endpoint.id;
/** An endpoint with a failed delivery (a test event's, marked failed: nothing delivers in this app). */
async function failedDeliveryTarget(t: Target): Promise<{ endpointId: string; deliveryId: string }> {
  const endpointId = await webhookTarget(t);
  await sendTestEvent(t.app.deps, TEST_ACTOR, t.tenant.id, endpointId);
  const { id } = await t.app.deps.db.updateTable('webhook_deliveries').set({ status: 'FAILED', last_attempt_at: new Date() }).where('endpoint_id', '=', endpointId)
    .returning('id').executeTakeFirstOrThrow();
  return { endpointId, deliveryId: id };
}

const ROUTES: RouteCase[] = [
  { method: 'GET', route: '/session', prepare: async () => ({ path: '/session' }), allowed: EVERY_ROLE },
  { method: 'POST', route: '/sign-out', prepare: async () => ({ path: '/sign-out' }), allowed: EVERY_ROLE },
  { method: 'GET', route: '/users', prepare: async () => ({ path: '/users' }), allowed: ['admin'] },
  { method: 'POST', route: '/users', prepare: async () => ({ path: '/users', body: { email: `new-${Math.random()}@example.test`, role: 'developer' } }), allowed: ['admin'] },
  { method: 'PATCH', route: '/users/:id', prepare: async (t) => ({ path: `/users/${(await userTarget(t)).id}`, body: { role: 'developer' } }), allowed: ['admin'] },
  { method: 'POST', route: '/users/:id/deactivate', prepare: async (t) => ({ path: `/users/${(await userTarget(t)).id}/deactivate` }), allowed: ['admin'] },
  { method: 'POST', route: '/users/:id/password-reset', prepare: async (t) => ({ path: `/users/${(await userTarget(t)).id}/password-reset` }), allowed: ['admin'] },
  { method: 'GET', route: '/audit', prepare: async () => ({ path: '/audit' }), allowed: ['admin'] },
  { method: 'POST', route: '/users/:id/mfa-reset', prepare: async (t) => ({ path: `/users/${(await userTarget(t)).id}/mfa-reset` }), allowed: ['admin'] },
  { method: 'GET', route: '/security', prepare: async () => ({ path: '/security' }), allowed: ['admin'] },
  { method: 'PATCH', route: '/security', prepare: async () => ({ path: '/security', body: { require_mfa: false } }), allowed: ['admin'] },
  { method: 'GET', route: '/sso', prepare: async () => ({ path: '/sso' }), allowed: ['admin'] },
  {
    method: 'PUT',
    route: '/sso/oidc',
    prepare: async () => ({ path: '/sso/oidc', body: { issuer: 'https://idp.example.test', client_id: 'plugboard', client_secret: 'matrix-secret' } }),
    allowed: ['admin'],
  },
  {
    method: 'PUT',
    route: '/sso/saml',
    prepare: async () => ({ path: '/sso/saml', body: { entry_point: 'https://idp.example.test/sso', idp_cert: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n-----END CERTIFICATE-----` } }),
    allowed: ['admin'],
  },
  { method: 'DELETE', route: '/sso', prepare: async () => ({ path: '/sso' }), allowed: ['admin'] },
  { method: 'POST', route: '/mfa/enrolment', prepare: async () => ({ path: '/mfa/enrolment' }), allowed: EVERY_ROLE },
  {
    method: 'POST',
    route: '/mfa/enrolment/confirm',
    prepare: async () => ({ path: '/mfa/enrolment/confirm', body: { code: '12345' } }),
    allowed: EVERY_ROLE,
    // Confirming for real would turn MFA on for the matrix's users; a wrong code shows the guard let the call through.
    domainAnswer: 'The code is wrong: enter the current code your authenticator app shows for Plugboard.',
  },
  {
    method: 'POST',
    route: '/mfa/challenge',
    prepare: async () => ({ path: '/mfa/challenge', body: { code: '123456' } }),
    allowed: EVERY_ROLE,
    domainAnswer: 'No MFA challenge is pending for this session.',
  },
  { method: 'GET', route: '/environments/:environment/api-keys', prepare: async (t) => ({ path: `/environments/${t.env}/api-keys` }), allowed: KEYS },
  { method: 'POST', route: '/environments/:environment/api-keys', prepare: async (t) => ({ path: `/environments/${t.env}/api-keys`, body: { name: 'console' } }), allowed: KEYS },
  {
    method: 'POST',
    route: '/environments/:environment/api-keys/:id/disable',
    prepare: async (t) => ({ path: `/environments/${t.env}/api-keys/${(await createTestKey(t.app.deps, t.tenant, t.env)).id}/disable` }),
    allowed: KEYS,
  },
  { method: 'GET', route: '/environments/:environment/integrations', prepare: async (t) => ({ path: `/environments/${t.env}/integrations` }), allowed: WORKING_SET },
  {
    method: 'POST',
    route: '/environments/:environment/links',
    prepare: async (t) => ({ path: `/environments/${t.env}/links`, body: { end_user_email: 'hr@customer.example', end_user_organization_name: 'Customer' } }),
    allowed: WORKING_SET,
  },
  { method: 'GET', route: '/environments/:environment/links/tools', prepare: async (t) => ({ path: `/environments/${t.env}/links/tools` }), allowed: WORKING_SET },
  {
    method: 'PUT',
    route: '/environments/:environment/api-keys/:id/allowlist',
    prepare: async (t) => ({ path: `/environments/${t.env}/api-keys/${(await createTestKey(t.app.deps, t.tenant, t.env)).id}/allowlist`, body: { ip_allowlist: ['192.0.2.1'] } }),
    allowed: KEYS,
  },
  { method: 'GET', route: '/environments/:environment/integrations/:id', prepare: async (t) => ({ path: integrationPath(t, await integrationOf(t)) }), allowed: WORKING_SET },
  {
    method: 'PUT',
    route: '/environments/:environment/integrations/:id/enabled',
    prepare: async (t) => ({ path: integrationPath(t, await integrationOf(t), '/enabled'), body: { value: false } }),
    allowed: WORKING_SET,
  },
  { method: 'POST', route: '/environments/:environment/integrations/:id/force-sync', prepare: async (t) => ({ path: integrationPath(t, await integrationOf(t), '/force-sync') }), allowed: WORKING_SET },
  { method: 'POST', route: '/environments/:environment/integrations/:id/relink', prepare: async (t) => ({ path: integrationPath(t, await integrationOf(t), '/relink'), body: {} }), allowed: WORKING_SET },
  {
    method: 'DELETE',
    route: '/environments/:environment/integrations/:id',
    prepare: async (t) => {
      const id = await integrationOf(t);
      return { path: integrationPath(t, id), body: { confirmation: id } };
    },
    allowed: WORKING_SET,
  },
  { method: 'GET', route: '/environments/:environment/webhooks', prepare: async (t) => ({ path: `/environments/${t.env}/webhooks` }), allowed: KEYS },
  {
    method: 'POST',
    route: '/environments/:environment/webhooks',
    prepare: async (t) => ({ path: `/environments/${t.env}/webhooks`, body: { url: 'https://93.184.215.14/new', event_types: ['sync-finished'] } }),
    allowed: KEYS,
  },
  {
    method: 'POST',
    route: '/environments/:environment/webhooks/rotate-secret',
    prepare: async (t) => (await webhookTarget(t), { path: `/environments/${t.env}/webhooks/rotate-secret` }),
    allowed: KEYS,
  },
  {
    method: 'PATCH',
    route: '/environments/:environment/webhooks/:id',
    prepare: async (t) => ({ path: `/environments/${t.env}/webhooks/${await webhookTarget(t)}`, body: { enabled: false } }),
    allowed: KEYS,
  },
  { method: 'DELETE', route: '/environments/:environment/webhooks/:id', prepare: async (t) => ({ path: `/environments/${t.env}/webhooks/${await webhookTarget(t)}` }), allowed: KEYS },
  {
    method: 'GET',
    route: '/environments/:environment/webhooks/:id/deliveries',
    prepare: async (t) => ({ path: `/environments/${t.env}/webhooks/${await webhookTarget(t)}/deliveries` }),
    allowed: KEYS,
  },
  { method: 'POST', route: '/environments/:environment/webhooks/:id/test', prepare: async (t) => ({ path: `/environments/${t.env}/webhooks/${await webhookTarget(t)}/test` }), allowed: KEYS },
  {
    method: 'POST',
    route: '/environments/:environment/webhooks/:id/deliveries/:deliveryId/resend',
    prepare: async (t) => {
      const { endpointId, deliveryId } = await failedDeliveryTarget(t);
      return { path: `/environments/${t.env}/webhooks/${endpointId}/deliveries/${deliveryId}/resend` };
    },
    allowed: KEYS,
  },
  {
    method: 'POST',
    route: '/environments/:environment/webhooks/:id/resend-failed',
    prepare: async (t) => ({ path: `/environments/${t.env}/webhooks/${(await failedDeliveryTarget(t)).endpointId}/resend-failed`, body: { since: '2000-01-01T00:00:00Z' } }),
    allowed: KEYS,
  },
  { method: 'GET', route: '/environments/:environment/configuration', prepare: async (t) => ({ path: `/environments/${t.env}/configuration` }), allowed: WORKING_SET },
  {
    method: 'PUT',
    route: '/environments/:environment/configuration/tools/:tool',
    prepare: async (t) => ({ path: `/environments/${t.env}/configuration/tools/personio`, body: { enabled: true } }),
    allowed: KEYS,
  },
  {
    method: 'PUT',
    route: '/environments/:environment/configuration/scopes',
    prepare: async (t) => ({ path: `/environments/${t.env}/configuration/scopes`, body: { disabled_models: [], disabled_fields: {} } }),
    allowed: KEYS,
  },
  {
    method: 'PATCH',
    route: '/environments/:environment/configuration/settings',
    prepare: async (t) => ({ path: `/environments/${t.env}/configuration/settings`, body: { support_email: 'help@vendor.example' } }),
    allowed: KEYS,
  },
  { method: 'GET', route: '/environments/:environment/logs', prepare: async (t) => ({ path: `/environments/${t.env}/logs?status_class=4xx` }), allowed: WORKING_SET },
  { method: 'GET', route: '/environments/:environment/logs/:requestId', prepare: async (t) => ({ path: `/environments/${t.env}/logs/${await loggedRequest(t)}` }), allowed: WORKING_SET },
  { method: 'GET', route: '/environments/:environment/log-retention', prepare: async (t) => ({ path: `/environments/${t.env}/log-retention` }), allowed: WORKING_SET },
  { method: 'PUT', route: '/environments/:environment/log-retention', prepare: async (t) => ({ path: `/environments/${t.env}/log-retention`, body: { days: 5 } }), allowed: KEYS },
  { method: 'GET', route: '/environments/:environment/overview', prepare: async (t) => ({ path: `/environments/${t.env}/overview` }), allowed: WORKING_SET },
];

/** Every route the console API router declares (method and path), walking nested routers. */
function declaredRoutes(router: Router): string[] {
  const found: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as any).stack);
  return found.sort();
}

/** Signed-out routes (anyone may call them) are not part of the role matrix. */
const PUBLIC_ROUTES = ['GET /csrf', 'POST /set-password', 'POST /sign-in', 'GET /sso/status', 'GET /sso/oidc/start', 'GET /sso/oidc/callback', 'GET /sso/saml/start', 'GET /sso/saml/:tenant/metadata', 'POST /sso/saml/:tenant/acs'];

describe.each(STORE_NAMES)('the console role matrix (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  const users = {} as Record<Role, { id: string; email: string }>;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(store);
    for (const role of ['admin', 'developer', 'operator'] as const) users[role] = await addConsoleUser(app.deps, tenant.id, role);
  });
  afterAll(() => app.close());

  it('covers every route of the console API', () => {
    const matrix = ROUTES.map((r) => `${r.method} ${r.route}`);
    expect(declaredRoutes(dashboardApiRoutes(app.deps))).toStrictEqual([...matrix, ...PUBLIC_ROUTES].sort());
  });

  /** What a denied request must leave untouched. */
  const snapshot = async () => ({
    audit: (await listAudit(app.deps.db, tenant.id, 10_000)).length,
    users: await listUsers(app.deps.db, tenant.id),
    keys: await listApiKeys(app.deps.db, tenant.id),
    settings: await app.deps.db.selectFrom('console_tenant_settings').selectAll().where('tenant_id', '=', tenant.id).execute(),
    sso: await app.deps.db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenant.id).execute(),
    logRetention: await app.deps.db.selectFrom('request_log_retention').selectAll().where('environment_id', 'in', Object.values(tenant.environments)).execute(),
    mfa: await app.deps.db.selectFrom('console_mfa').select('user_id').where('user_id', 'in', Object.values(users).map((u) => u.id)).execute(),
    tools: await app.deps.db.selectFrom('environment_tools').selectAll().where('environment_id', 'in', Object.values(tenant.environments)).execute(),
    scopes: await app.deps.db.selectFrom('environment_scopes').selectAll().where('environment_id', 'in', Object.values(tenant.environments)).execute(),
    environmentSettings: await app.deps.db.selectFrom('environment_settings').selectAll().where('environment_id', 'in', Object.values(tenant.environments)).execute(),
    integrations: await app.deps.db.selectFrom('integrations').select(['id', 'status']).where('environment_id', 'in', Object.values(tenant.environments)).orderBy('id').execute(),
    syncRuns: (await app.deps.db.selectFrom('sync_runs').select('id').where('integration_id', 'in', (eb) => eb.selectFrom('integrations').select('id').where('environment_id', 'in', Object.values(tenant.environments))).execute()).length,
    webhooks: await listEndpoints(app.deps.db, tenant.id),
    webhookDeliveries: await app.deps.db.selectFrom('webhook_deliveries').select(['id', 'status']).where('endpoint_id', 'in', (await listEndpoints(app.deps.db, tenant.id)).map((e) => e.id).concat([''])).orderBy('id').execute(),
    links: Number(
      (await app.deps.db.selectFrom('connection_links').select((eb) => eb.fn.countAll().as('n')).where('environment_id', 'in', Object.values(tenant.environments)).executeTakeFirstOrThrow()).n,
    ),
  });

  for (const route of ROUTES) {
    const perEnvironment = route.route.includes(':environment');
    const cases = (['admin', 'developer', 'operator'] as const).flatMap((role) =>
      perEnvironment ? (['production', 'development'] as const).map((env) => ({ role, env, label: `${role}@${env}` })) : [{ role, env: 'production' as Env, label: role }],
    );
    describe(`${route.method} /dashboard/api${route.route}`, () => {
      for (const c of cases) {
        const allowed = route.allowed.includes(c.label);
        it(allowed ? `works for ${c.label}` : `answers 403 CONSOLE.FORBIDDEN for ${c.label} and changes nothing`, async () => {
          const client = await signedIn(app.url, users[c.role].email, tenant.id);
          const { path, body } = await route.prepare({ app, tenant, env: c.env });
          const before = allowed ? null : await snapshot();
          const res = await client.request(route.method, path, body);
          const domainAnswer = typeof route.domainAnswer === 'string' ? route.domainAnswer : perEnvironment ? route.domainAnswer?.[c.env] : undefined;
          if (allowed && domainAnswer) {
            expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', domainAnswer));
          } else if (allowed) {
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            expect(res.body.status).toBe('success');
          } else {
            expect(res.status).toBe(403);
            expect(res.body).toStrictEqual(errorEnvelope('CONSOLE.FORBIDDEN', 'Forbidden', `The ${c.role} role may not do this${perEnvironment ? ` in ${c.env}` : ''}.`));
            expect(await snapshot()).toStrictEqual(before);
          }
        });
      }
    });
  }
});
