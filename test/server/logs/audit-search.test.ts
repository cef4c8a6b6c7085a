import { appendAudit } from '../../../server/domain/audit.ts';
import { csvCell } from '../../../server/http/mappers/request-log.mapper.ts';
import { createTestTenant, errorEnvelope, startApp, TEST_SECRET, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from '../console/console-client.ts';

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ['a,b\nc', '"a,b\nc"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
  ])('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe.each(STORE_NAMES)('the audit page API (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: ConsoleClient;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(store);
    const entry = (action: string, targetId: string, at: string, after: Record<string, unknown> | null = null) => ({
      tenantId: tenant.id,
      environmentId: tenant.environments.production,
      action,
      targetType: 'api_key',
      targetId,
      before: null,
      after,
      at: new Date(at),
    });
    await app.deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actor: 'cli:root@host', source: 'cli' }, entry('api_key.created', 'k1', '2026-01-01T10:00:00Z', { name: '=cmd|calc' }), TEST_SECRET);
      await appendAudit(trx, { actor: 'user:alice', source: 'console' }, entry('api_key.disabled', 'k1', '2026-01-02T10:00:00Z'), TEST_SECRET);
      await appendAudit(trx, { actor: 'user:bob', source: 'console' }, entry('api_key.created', 'k2', '2026-01-03T10:00:00Z', { name: 'say "hi", ok' }), TEST_SECRET);
    });
    // Signing the admin in writes nothing to the audit trail; adding the user does (before the filters' time range).
    admin = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'admin')).email, tenant.id);
  });
  afterAll(() => app.close());

  const search = async (query: string) => {
    const res = await admin.request('GET', `/audit${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as { results: any[]; next_cursor: string | null };
  };
  const within = '&from=2026-01-01T00:00:00Z&to=2026-01-04T00:00:00Z';

  describe('GET /dashboard/api/audit', () => {
    it('answers the entries newest first with before and after', async () => {
      const { results } = await search(`?${within}`);
      expect(results.map((e) => [e.actor, e.action, e.target_id])).toStrictEqual([
        ['user:bob', 'api_key.created', 'k2'],
        ['user:alice', 'api_key.disabled', 'k1'],
        ['cli:root@host', 'api_key.created', 'k1'],
      ]);
      expect(results[0]).toMatchObject({ target_type: 'api_key', before: null, after: { name: 'say "hi", ok' }, at: '2026-01-03T10:00:00.000Z' });
    });

    it('filters by actor part, action, target and time range', async () => {
      const ids = async (q: string) => (await search(`?${q}${within}`)).results.map((e) => `${e.action}:${e.target_id}`);
      expect(await ids('actor=ALICE')).toStrictEqual(['api_key.disabled:k1']);
      expect(await ids('action=api_key.created')).toStrictEqual(['api_key.created:k2', 'api_key.created:k1']);
      expect(await ids('target_type=api_key&target_id=k1')).toStrictEqual(['api_key.disabled:k1', 'api_key.created:k1']);
      expect(await ids('target_type=integration')).toStrictEqual([]);
      expect((await search('?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z')).results.map((e) => e.actor)).toStrictEqual(['user:alice']);
    });

    it('pages with a cursor', async () => {
      const first = await search(`?limit=2${within}`);
      expect(first.results).toHaveLength(2);
      const second = await search(`?limit=2&cursor=${first.next_cursor}${within}`);
      expect(second.results.map((e) => e.actor)).toStrictEqual(['cli:root@host']);
      expect(second.next_cursor).toBeNull();
    });
  });

  describe('GET /dashboard/api/audit?format=csv', () => {
    it('answers text/csv as a download, quoted, with formulas defused', async () => {
      const res = await fetch(`${app.url}/dashboard/api/audit?format=csv&action=api_key.created${within}`, {
        headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': admin.address },
      });
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename=audit-log.csv');
      const env = tenant.environments.production;
      expect(await res.text()).toBe(
        [
          'at,actor,source,action,environment_id,target_type,target_id,before,after',
          `"2026-01-03T10:00:00.000Z","user:bob","console","api_key.created","${env}","api_key","k2","","{""name"":""say \\""hi\\"", ok""}"`,
          `"2026-01-01T10:00:00.000Z","cli:root@host","cli","api_key.created","${env}","api_key","k1","","{""name"":""=cmd|calc""}"`,
          '',
        ].join('\r\n'),
      );
    });

    it('answers 403 CONSOLE.FORBIDDEN to a developer', async () => {
      const developer = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'developer')).email, tenant.id);
      const res = await developer.request('GET', '/audit?format=csv');
      expect(res.status).toBe(403);
      expect(res.body).toStrictEqual(errorEnvelope('CONSOLE.FORBIDDEN', 'Forbidden', 'The developer role may not do this.'));
    });
  });
});
