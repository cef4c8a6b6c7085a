import { listAudit } from '../../../server/domain/audit.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { runSync } from '../../helpers/hris.ts';
import { createTestIntegration, type TestIntegrationOptions } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from './console-client.ts';

const DEV = '/environments/development';

describe.each(STORE_NAMES)('the integrations page API (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: ConsoleClient;
  let adminId: string;
  /** Every development integration of the tenant, newest first (the list's order). */
  let all: string[];

  /** An integration with its own end user (and optionally a backdated creation so the order is known). */
  async function integration(endUser: { org: string; email: string; origin?: string }, options: TestIntegrationOptions & { inactiveReason?: 'STALE' } = {}): Promise<string> {
    const id = await createTestIntegration(app.deps, tenant, options);
    await app.deps.db
      .updateTable('integrations')
      .set({
        end_user_organization_name: endUser.org,
        end_user_email: endUser.email,
        end_user_origin_id: endUser.origin ?? null,
        ...(options.inactiveReason ? { inactive_reason: options.inactiveReason } : {}),
      })
      .where('id', '=', id)
      .execute();
    return id;
  }

  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(await sharedStore(storeName));
    const user = await addConsoleUser(app.deps, tenant.id, 'admin');
    adminId = user.id;
    admin = await signedIn(app.url, user.email, tenant.id);
    const made: string[] = [];
    made.push(await integration({ org: 'Acme GmbH', email: 'hr@acme.example', origin: 'cust-100' }));
    made.push(await integration({ org: 'Globex Corp', email: 'people@globex.example', origin: 'cust-200' }, { setupStatus: 'COMPLETED' }));
    made.push(await integration({ org: '100% Widgets', email: 'ops@widgets.example' }, { status: 'INACTIVE' }));
    made.push(await integration({ org: 'Initech', email: 'hr@initech.example', origin: 'other-1' }, { status: 'INACTIVE', inactiveReason: 'STALE' }));
    made.push(await integration({ org: 'Umbrella', email: 'hr@umbrella.example' }, { tool: 'personio', status: 'INVALID' }));
    for (let i = 0; i < 7; i++) made.push(await integration({ org: `Filler ${i}`, email: `filler${i}@example.test` }));
    await integration({ org: 'Acme Production', email: 'hr@acme.example' }, { environment: 'production' });
    const rows = await app.deps.db.selectFrom('integrations').select('id').where('environment_id', '=', tenant.environments.development).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    all = rows.map((r) => r.id);
    expect(all.length).toBe(made.length);
  });
  afterAll(() => app.close());

  const list = async (query: string, client = admin) => (await client.request('GET', `${DEV}/integrations${query}`)).body;
  const orgs = (body: any) => body.data.results.map((r: any) => r.end_user_organization_name).sort();

  describe('GET /dashboard/api/environments/development/integrations', () => {
    it('searches organisation name and email (any case, any part), integration and origin IDs (their start)', async () => {
      expect(orgs(await list('?search=acme'))).toStrictEqual(['Acme GmbH']);
      expect(orgs(await list('?search=GLOBEX.EXAMPLE'))).toStrictEqual(['Globex Corp']);
      expect(orgs(await list('?search=cust-'))).toStrictEqual(['Acme GmbH', 'Globex Corp']);
      expect(orgs(await list(`?search=${encodeURIComponent(all[3]!)}`))).toHaveLength(1);
      expect(orgs(await list('?search=personio%3A'))).toStrictEqual(['Umbrella']);
      // LIKE wildcards are searched for as characters.
      expect(orgs(await list('?search=100%25'))).toStrictEqual(['100% Widgets']);
      expect((await list('?search=_')).data.total).toBe(0);
    });

    it('filters by tool, status, setup status and inactive reason, combined with search', async () => {
      expect(orgs(await list('?tool=personio'))).toStrictEqual(['Umbrella']);
      expect(orgs(await list('?status=INACTIVE'))).toStrictEqual(['100% Widgets', 'Initech']);
      expect(orgs(await list('?status=INACTIVE&inactive_reason=STALE'))).toStrictEqual(['Initech']);
      expect(orgs(await list('?setup_status=COMPLETED'))).toStrictEqual(['Globex Corp']);
      expect(orgs(await list('?status=ACTIVE&search=filler%203'))).toStrictEqual(['Filler 3']);
      const body = await list('?tool=sandbox');
      expect([body.data.total, body.data.tools]).toStrictEqual([11, ['personio', 'sandbox']]);
    });

    it('pages newest first with a cursor until next is null, each integration once, with the total', async () => {
      const seen: string[] = [];
      let query = '?page_size=5';
      for (;;) {
        const body = await list(query);
        expect(body.data.total).toBe(all.length);
        seen.push(...body.data.results.map((r: any) => r.id));
        if (body.data.next === null) break;
        query = `?page_size=5&cursor=${body.data.next}`;
      }
      expect(seen).toStrictEqual(all);
    });

    it('answers bad query parameters with the envelope', async () => {
      for (const [query, message] of [
        ['?status=BROKEN', 'Invalid query parameters: status must be one of "ACTIVE", "INVALID", "INACTIVE" (got "BROKEN").'],
        ['?page_size=0', 'Invalid query parameters: page_size must be an integer between 1 and 100.'],
        ['?cursor=bm9wZQ', 'Invalid cursor: use the next value of the previous page, unchanged.'],
      ]) {
        expect(await list(query!)).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', message));
      }
    });
  });

  describe('GET /dashboard/api/environments/development/integrations/:id', () => {
    it('answers the end user, state, timestamps and the sync history with records per model', async () => {
      const id = await integration({ org: 'Synced Ltd', email: 'hr@synced.example' });
      await runSync(app.deps, id, 'FULL', 'INITIAL');
      const body = (await admin.request('GET', `${DEV}/integrations/${encodeURIComponent(id)}`)).body.data;
      expect(body.integration).toMatchObject({ id, tool: 'sandbox', status: 'ACTIVE', end_user_organization_name: 'Synced Ltd', end_user_email: 'hr@synced.example', last_api_request_at: expect.any(String) });
      expect(body.sync_runs).toHaveLength(1);
      expect(body.sync_runs[0]).toMatchObject({ state: 'SUCCEEDED', type: 'FULL', trigger: 'INITIAL', duration_ms: expect.any(Number), error: null });
      expect(body.sync_runs[0].counts.employees).toStrictEqual({ created: expect.any(Number), updated: 0, deleted: 0, unchanged: 0 });
      expect(body.sync_runs[0].counts.employees.created).toBeGreaterThan(0);
      await app.deps.db.deleteFrom('integrations').where('id', '=', id).execute();
    });

    it('answers INTEGRATION_NOT_FOUND for an integration of the other environment', async () => {
      const production = await integration({ org: 'Prod Only', email: 'hr@prod.example' }, { environment: 'production' });
      const res = await admin.request('GET', `${DEV}/integrations/${encodeURIComponent(production)}`);
      expect([res.status, res.body]).toStrictEqual([404, errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found', `No integration with ID '${production}' exists in this environment.`)]);
    });
  });

  describe('actions', () => {
    const path = (id: string, rest = '') => `${DEV}/integrations/${encodeURIComponent(id)}${rest}`;
    const statusOf = async (id: string) => app.deps.db.selectFrom('integrations').select(['status', 'inactive_reason']).where('id', '=', id).executeTakeFirst();
    const audited = async (id: string) => (await listAudit(app.deps.db, tenant.id, 10_000)).filter((r) => r.targetId === id).map((r) => [r.action, r.actor]);

    it('disables and enables, and reactivates a stale development integration, each audited', async () => {
      const id = await integration({ org: 'Toggle', email: 'hr@toggle.example' });
      expect((await admin.request('PUT', path(id, '/enabled'), { value: false })).body.data.integration).toMatchObject({ status: 'INACTIVE', inactive_reason: 'MANUAL' });
      expect((await admin.request('PUT', path(id, '/enabled'), { value: true })).body.data.integration).toMatchObject({ status: 'ACTIVE', inactive_reason: null });
      const stale = await integration({ org: 'Stale', email: 'hr@stale.example' }, { status: 'INACTIVE', inactiveReason: 'STALE' });
      await admin.request('PUT', path(stale, '/enabled'), { value: true });
      expect(await statusOf(stale)).toStrictEqual({ status: 'ACTIVE', inactive_reason: null });
      expect(await audited(id)).toStrictEqual([
        ['integration.disabled', `user:${adminId}`],
        ['integration.enabled', `user:${adminId}`],
      ]);
      expect(await audited(stale)).toStrictEqual([['integration.enabled', `user:${adminId}`]]);
    });

    it('forces a sync (queued once, audited once) and refuses it for an inactive integration', async () => {
      const id = await integration({ org: 'Force', email: 'hr@force.example' });
      const first = (await admin.request('POST', path(id, '/force-sync'))).body.data;
      expect(first).toMatchObject({ already_queued: false, type: 'FULL' });
      expect((await admin.request('POST', path(id, '/force-sync'))).body.data).toStrictEqual({ ...first, already_queued: true });
      expect(await audited(id)).toStrictEqual([['integration.sync_forced', `user:${adminId}`]]);
      const run = await app.deps.db.selectFrom('sync_runs').select(['trigger', 'status']).where('id', '=', first.sync_id).executeTakeFirst();
      expect(run?.trigger).toBe('FORCED');
      const inactive = await integration({ org: 'Force Off', email: 'hr@force.example' }, { status: 'INACTIVE' });
      const res = await admin.request('POST', path(inactive, '/force-sync'));
      expect([res.status, res.body.error.code]).toStrictEqual([403, 'INTEGRATION.INACTIVE']);
    });

    it('creates a reconnection link for the integration, with its expiry', async () => {
      const id = await integration({ org: 'Relink', email: 'hr@relink.example' });
      const res = (await admin.request('POST', path(id, '/relink'), { link_type: 'MAGIC_LINK', language: 'de' })).body.data;
      expect(res.link).toMatch(new RegExp(`^${app.url}/flow\\?token=[0-9A-Za-z]{40}$`));
      expect(new Date(res.expires_at).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
      const link = await app.deps.db.selectFrom('connection_links').select(['id', 'relink_integration_id', 'language']).where('relink_integration_id', '=', id).executeTakeFirst();
      expect(link).toStrictEqual({ id: expect.any(String), relink_integration_id: id, language: 'de' });
      const trail = (await listAudit(app.deps.db, tenant.id, 10_000)).filter((r) => r.targetId === id);
      expect(trail.map((r) => [r.action, r.actor, r.after])).toStrictEqual([
        ['integration.relink_link_created', `user:${adminId}`, { link_id: link!.id, link_type: 'MAGIC_LINK', expires_at: res.expires_at }],
      ]);
    });

    it('deletes only with the organisation name or ID typed, audited', async () => {
      const id = await integration({ org: 'Delete Me', email: 'hr@delete.example' });
      const wrong = await admin.request('DELETE', path(id), { confirmation: 'delete me' });
      expect(wrong.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'To delete this integration, type its organisation name or its ID exactly as shown.'));
      expect(await statusOf(id)).toBeDefined();
      const missing = await admin.request('DELETE', path(id), {});
      expect(missing.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: confirmation is required.'));
      expect((await admin.request('DELETE', path(id), { confirmation: 'Delete Me' })).status).toBe(200);
      expect(await statusOf(id)).toBeUndefined();
      expect(await audited(id)).toStrictEqual([['integration.deleted', `user:${adminId}`]]);
      const byId = await integration({ org: 'Delete By Id', email: 'hr@delete.example' });
      expect((await admin.request('DELETE', path(byId), { confirmation: byId })).status).toBe(200);
    });

    it('offers the tools enabled in the environment for a new link', async () => {
      expect((await admin.request('GET', `${DEV}/links/tools`)).body.data.results).toContainEqual({ id: 'sandbox', label: expect.any(String) });
    });

    it('creates a new connection link (embedded or magic) with its expiry', async () => {
      const body = { end_user_email: 'hr@new.example', end_user_organization_name: 'New Customer', end_user_origin_id: 'cust-9', integration_tool: 'sandbox', language: 'fr' };
      const embedded = (await admin.request('POST', `${DEV}/links`, body)).body.data;
      expect(new Date(embedded.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
      const magic = (await admin.request('POST', `${DEV}/links`, { ...body, link_type: 'MAGIC_LINK' })).body.data;
      expect(magic.link).toMatch(/\/flow\?token=/);
      expect(new Date(magic.expires_at).getTime() - Date.now()).toBeGreaterThan(300 * 86_400_000);
      const bad = await admin.request('POST', `${DEV}/links`, { ...body, end_user_email: 'nope' });
      expect(bad.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: end_user_email must be a valid email address.'));
      // Each link made is audited with what it is for and until when, never its token; the refused one is not.
      const trail = (await listAudit(app.deps.db, tenant.id, 10_000)).filter((r) => r.action === 'link.created' && r.after?.end_user_origin_id === 'cust-9');
      expect(trail.map((r) => [r.actor, r.environmentId !== null, r.after])).toStrictEqual(
        [embedded, magic].map((made, i) => [
          `user:${adminId}`,
          true,
          { link_type: i === 0 ? 'EMBEDDED' : 'MAGIC_LINK', integration_tool: 'sandbox', end_user_organization_name: 'New Customer', end_user_origin_id: 'cust-9', expires_at: made.expires_at },
        ]),
      );
      for (const made of [embedded, magic]) expect(JSON.stringify(trail)).not.toContain(new URL(made.link).searchParams.get('token')!);
    });

    it('refuses roles outside their environments with the 403 envelope and changes nothing', async () => {
      const id = await integration({ org: 'Guarded', email: 'hr@guarded.example' });
      const production = await integration({ org: 'Guarded Prod', email: 'hr@guarded.example' }, { environment: 'production' });
      const operator = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'operator')).email, tenant.id);
      const developer = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'developer')).email, tenant.id);
      for (const [who, client, env, target] of [
        ['operator', operator, 'development', id],
        ['developer', developer, 'production', production],
      ] as const) {
        const p = (rest = '') => `/environments/${env}/integrations/${encodeURIComponent(target)}${rest}`;
        for (const [method, url, body] of [
          ['GET', `/environments/${env}/integrations`, undefined],
          ['GET', p(), undefined],
          ['PUT', p('/enabled'), { value: false }],
          ['POST', p('/force-sync'), undefined],
          ['POST', p('/relink'), {}],
          ['DELETE', p(), { confirmation: target }],
          ['POST', `/environments/${env}/links`, { end_user_email: 'a@b.example', end_user_organization_name: 'X' }],
        ] as const) {
          const res = await client.request(method, url, body);
          expect([res.status, res.body]).toStrictEqual([403, errorEnvelope('CONSOLE.FORBIDDEN', 'Forbidden', `The ${who} role may not do this in ${env}.`)]);
        }
        expect(await statusOf(target)).toStrictEqual({ status: 'ACTIVE', inactive_reason: null });
      }
      const runs = await app.deps.db.selectFrom('sync_runs').select('id').where('integration_id', 'in', [id, production]).execute();
      const links = await app.deps.db.selectFrom('connection_links').select('id').where('relink_integration_id', 'in', [id, production]).execute();
      expect([runs, links, await audited(id), await audited(production)]).toStrictEqual([[], [], [], []]);
      // The operator works in production.
      expect((await operator.request('PUT', `/environments/production/integrations/${encodeURIComponent(production)}/enabled`, { value: false })).status).toBe(200);
    });
  });
});
