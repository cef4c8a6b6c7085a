import { STORE_NAMES } from '../../helpers/stores.ts';
import { sandboxCredentials } from '../connect/connect-helpers.ts';
import { connectThroughDemo, type DemoFixture, startDemoFixture } from './demo-fixture.ts';

/** One row of the people table: only what the page shows. */
const employeeRow = {
  id: expect.any(String),
  name: expect.any(String),
  email: expect.toBeOneOf([expect.any(String), null]),
  jobTitle: expect.toBeOneOf([expect.any(String), null]),
  groups: expect.any(Array),
  employmentStatus: expect.toBeOneOf([expect.any(String), null]),
  employmentType: expect.toBeOneOf([expect.any(String), null]),
  weeklyHours: expect.toBeOneOf([expect.any(Number), null]),
  startDate: expect.toBeOneOf([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), null]),
  terminationDate: expect.toBeOneOf([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), null]),
  location: expect.toBeOneOf([expect.any(String), null]),
  legalEntity: expect.toBeOneOf([expect.any(String), null]),
  manager: expect.toBeOneOf([expect.any(String), null]),
  pay: expect.toBeOneOf([{ amount: expect.any(Number), currency: expect.toBeOneOf([expect.any(String), null]), period: expect.toBeOneOf([expect.any(String), null]) }, null]),
};

describe.each(STORE_NAMES)('GET /api/integrations/:id/employees (the demo backend, %s)', (storeName) => {
  let fx: DemoFixture;
  let path: string;
  beforeEach(async () => {
    fx = await startDemoFixture(storeName);
    const { body } = await connectThroughDemo(fx, sandboxCredentials({ company_size: '50' }));
    const id = encodeURIComponent(body.integration.id);
    path = `/api/integrations/${id}`;
    // The first sync runs in the background; the integration's setup status says when it is done.
    await expect.poll(async () => (await fx.demoCall(path)).body.integration.setupStatus, { timeout: 20_000 }).toBe('COMPLETED');
  });
  afterEach(async () => {
    await fx.close();
  });

  describe('without a search', () => {
    it('answers the first 25 employees in the people table’s shape, with a cursor', async () => {
      const res = await fx.demoCall(`${path}/employees`);
      expect([res.status, res.body]).toStrictEqual([
        200,
        { employees: Array.from({ length: 25 }, () => employeeRow), next: expect.any(String), mode: 'list', pageSize: 25, total: expect.any(Number) },
      ]);
    });

    it('says how many employees there are in all: as many as a name search reads', async () => {
      const list = await fx.demoCall(`${path}/employees`);
      const search = await fx.demoCall(`${path}/employees?q=${encodeURIComponent('zz-nobody')}`);
      expect([list.body.total, list.body.total > 25]).toStrictEqual([search.body.searched, true]);
    });

    it('answers the following page for the cursor, repeating nobody', async () => {
      const first = await fx.demoCall(`${path}/employees`);
      const second = await fx.demoCall(`${path}/employees?cursor=${encodeURIComponent(first.body.next)}`);
      const ids = (page: { employees: { id: string }[] }) => page.employees.map((e) => e.id);
      expect([second.status, ids(second.body).filter((id) => ids(first.body).includes(id))]).toStrictEqual([200, []]);
    });
  });

  describe('with a complete work email', () => {
    it('answers that person, found by the API’s work_emails filter', async () => {
      const someone = (await fx.demoCall(`${path}/employees`)).body.employees.find((e: { email: string | null }) => e.email);
      const res = await fx.demoCall(`${path}/employees?q=${encodeURIComponent(someone.email.toUpperCase())}`);
      expect([res.body.mode, res.body.employees.map((e: { id: string }) => e.id)]).toStrictEqual(['email', [someone.id]]);
    });
  });

  describe('with a name', () => {
    it('answers the matches among all employees it read, saying how many it searched', async () => {
      const page = (await fx.demoCall(`${path}/employees`)).body.employees;
      const someone = page[7];
      const res = await fx.demoCall(`${path}/employees?q=${encodeURIComponent(someone.name.toLowerCase())}`);
      expect({ mode: res.body.mode, found: res.body.employees.some((e: { id: string }) => e.id === someone.id), searched: res.body.searched > 25 }).toStrictEqual({
        mode: 'scan',
        found: true,
        searched: true,
      });
    });

    it('answers no one when nobody matches', async () => {
      const res = await fx.demoCall(`${path}/employees?q=zzzz-nobody-here`);
      expect([res.body.employees, res.body.next, res.body.matched]).toStrictEqual([[], null, 0]);
    });
  });

  describe('while the integration is disabled', () => {
    it('answers 409 INTEGRATION.INACTIVE', async () => {
      await fx.demoCall(`${path}/enabled`, { method: 'PUT', body: { enabled: false } });
      const res = await fx.demoCall(`${path}/employees`);
      expect([res.status, res.body.error.code]).toStrictEqual([409, 'INTEGRATION.INACTIVE']);
    });
  });
});

/** A sync as the demo backend hands it to its page. */
const syncView = (state: string) => ({
  syncId: expect.any(String),
  alreadyQueued: expect.any(Boolean),
  requestedAt: expect.stringMatching(/^\d{4}-/),
  state,
  finishedAt: state === 'SUCCEEDED' || state === 'FAILED' ? expect.stringMatching(/^\d{4}-/) : null,
  durationMs: state === 'SUCCEEDED' || state === 'FAILED' ? expect.any(Number) : null,
  error: null,
});

describe.each(STORE_NAMES)('/api/integrations/:id/sync (the demo backend, %s)', (storeName) => {
  let fx: DemoFixture;
  let path: string;
  beforeEach(async () => {
    fx = await startDemoFixture(storeName);
    const { body } = await connectThroughDemo(fx, sandboxCredentials({ company_size: '50' }));
    path = `/api/integrations/${encodeURIComponent(body.integration.id)}/sync`;
  });
  afterEach(async () => {
    await fx.close();
  });

  describe('POST', () => {
    it('answers Plugboard’s sync ID with the state Plugboard reports', async () => {
      const res = await fx.demoCall(path, { method: 'POST' });
      // The sandbox syncs 50 employees fast: the sync may already be done when its state is read.
      const sync = {
        ...syncView('QUEUED'),
        state: expect.toBeOneOf(['QUEUED', 'RUNNING', 'SUCCEEDED']),
        finishedAt: expect.toBeOneOf([expect.stringMatching(/^\d{4}-/), null]),
        durationMs: expect.toBeOneOf([expect.any(Number), null]),
      };
      expect([res.status, res.body]).toStrictEqual([200, { sync }]);
    });
  });

  describe('GET after a sync was requested', () => {
    it('reports the sync completed (Plugboard’s sync status extension) and remembers it for the page', async () => {
      const requested = await fx.demoCall(path, { method: 'POST' });
      await expect.poll(async () => (await fx.demoCall(path)).body.sync.state, { timeout: 20_000 }).toBe('SUCCEEDED');
      const [res, session] = [await fx.demoCall(path), await fx.demoCall('/api/session')];
      const done = { ...syncView('SUCCEEDED'), syncId: requested.body.sync.syncId };
      expect([res.status, res.body, session.body.sync]).toStrictEqual([200, { sync: done }, res.body.sync]);
    });
  });

  describe('GET before any sync was requested', () => {
    it('answers no sync', async () => {
      const res = await fx.demoCall(path);
      expect([res.status, res.body]).toStrictEqual([200, { sync: null }]);
    });
  });
});
