import { DemoStore } from '../../../demo/server/demo-store.ts';
import { call } from '../../helpers/app.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';
import { connectSandbox, createSandboxIntegration, tokenOf } from '../connect/connect-helpers.ts';
import { connectThroughDemo, type DemoFixture, startDemoFixture } from './demo-fixture.ts';

/** The integration card's data for a fresh Sandbox connection of the demo customer. */
const sandboxView = (id: string) => ({
  id,
  tool: { id: 'sandbox', label: 'Sandbox', iconUrl: expect.any(String) },
  organizationName: 'Globex Corporation',
  status: 'ACTIVE',
  setupStatus: expect.stringMatching(/^(FINAL_SYNC_PENDING|COMPLETED)$/),
  createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  readModels: expect.arrayContaining(['Employees']),
});

const CUSTOMER = { organizationName: 'Globex Corporation', adminName: 'Hank Scorpio', adminEmail: 'hank.scorpio@globex.example' };

describe.each(STORE_NAMES)('the demo backend (%s)', (storeName) => {
  let fx: DemoFixture;
  beforeEach(async () => {
    fx = await startDemoFixture(storeName);
  });
  afterEach(async () => {
    await fx.close();
  });

  describe('GET /api/session', () => {
    describe('before anything is connected', () => {
      it('answers the customer, the Plugboard origin and no integration', async () => {
        const res = await fx.demoCall('/api/session');
        expect([res.status, res.body]).toStrictEqual([200, { customer: CUSTOMER, plugboardUrl: fx.app.url, integration: null, sync: null }]);
      });
    });

    describe('after an integration was deleted outside the demo', () => {
      it('forgets it and answers no integration', async () => {
        const { body } = await connectThroughDemo(fx);
        await call(`${fx.app.url}/v1/integrations/${encodeURIComponent(body.integration.id)}`, fx.key, { method: 'DELETE', body: {} });
        const res = await fx.demoCall('/api/session');
        expect([res.body.integration, fx.store.integrations]).toStrictEqual([null, []]);
      });
    });
  });

  describe('POST /api/connect-link', () => {
    it('answers an embedded link on the Plugboard origin for the demo customer, with no tool preselected', async () => {
      const res = await fx.demoCall('/api/connect-link', { method: 'POST' });
      const session = await call(`${fx.app.url}/flow/v1/session`, null, { headers: { 'X-Plugboard-Link': tokenOf(res.body.link) } });
      expect([res.status, new URL(res.body.link).origin, session.body.data.end_user.organization_name, session.body.data.integration_tool ?? null]).toStrictEqual([
        200,
        fx.app.url,
        'Globex Corporation',
        null,
      ]);
    });
  });

  describe('POST /api/integrations', () => {
    describe('with the activation token of a finished flow', () => {
      it('answers the connected integration', async () => {
        const res = await connectThroughDemo(fx);
        expect([res.status, res.body]).toStrictEqual([200, { integration: sandboxView(expect.stringMatching(/^sandbox:/)) }]);
      });

      it('remembers it across restarts in its own store', async () => {
        const { body } = await connectThroughDemo(fx);
        expect(new DemoStore(fx.dir).integrations).toStrictEqual([
          { id: body.integration.id, tool: 'sandbox', organizationName: 'Globex Corporation', connectedAt: expect.any(String) },
        ]);
      });
    });

    describe('with an unknown token', () => {
      it('answers 400 with Plugboard’s code and stores nothing', async () => {
        const res = await fx.demoCall('/api/integrations', { method: 'POST', body: { token: 'not-a-token' } });
        expect([res.status, res.body.error.code, fx.store.integrations]).toStrictEqual([400, 'PLATFORM.INPUT_INVALID', []]);
      });
    });

    describe('without a token', () => {
      it('answers 400 INPUT_INVALID', async () => {
        const res = await fx.demoCall('/api/integrations', { method: 'POST', body: {} });
        expect([res.status, res.body.error.code]).toStrictEqual([400, 'INPUT_INVALID']);
      });
    });
  });

  describe('GET /api/integrations/:id', () => {
    describe('for an integration of the same environment the demo did not connect', () => {
      it('answers 404 NOT_CONNECTED without asking Plugboard', async () => {
        const other = await createSandboxIntegration(fx.app, fx.key);
        const res = await fx.demoCall(`/api/integrations/${encodeURIComponent(other)}`);
        expect([res.status, res.body]).toStrictEqual([404, { error: { code: 'NOT_CONNECTED', message: 'This HR system is not connected to your account.' } }]);
      });
    });
  });

  describe('PUT /api/integrations/:id/enabled', () => {
    it('disables the integration in Plugboard', async () => {
      const { body } = await connectThroughDemo(fx);
      const res = await fx.demoCall(`/api/integrations/${encodeURIComponent(body.integration.id)}/enabled`, { method: 'PUT', body: { enabled: false } });
      expect([res.status, res.body.integration.status]).toStrictEqual([200, 'INACTIVE']);
    });

    it('enables it again', async () => {
      const { body } = await connectThroughDemo(fx);
      const path = `/api/integrations/${encodeURIComponent(body.integration.id)}/enabled`;
      await fx.demoCall(path, { method: 'PUT', body: { enabled: false } });
      const res = await fx.demoCall(path, { method: 'PUT', body: { enabled: true } });
      expect([res.status, res.body.integration.status]).toStrictEqual([200, 'ACTIVE']);
    });
  });

  describe('POST /api/integrations/:id/relink-link', () => {
    it('answers a link whose flow reconnects the same integration', async () => {
      const { body } = await connectThroughDemo(fx);
      const id = body.integration.id;
      const relink = await fx.demoCall(`/api/integrations/${encodeURIComponent(id)}/relink-link`, { method: 'POST' });
      const token = await connectSandbox(fx.app, tokenOf(relink.body.link));
      const res = await fx.demoCall('/api/integrations', { method: 'POST', body: { token } });
      expect([res.status, res.body.integration.id, fx.store.integrations.map((i) => i.id)]).toStrictEqual([200, id, [id]]);
    });
  });

  describe('DELETE /api/integrations/:id', () => {
    it('deletes the integration in Plugboard and forgets it', async () => {
      const { body } = await connectThroughDemo(fx);
      const id = body.integration.id;
      const res = await fx.demoCall(`/api/integrations/${encodeURIComponent(id)}`, { method: 'DELETE' });
      const inPlugboard = await call(`${fx.app.url}/v1/integrations/${encodeURIComponent(id)}`, fx.key);
      expect([res.status, res.body, inPlugboard.status, fx.store.integrations]).toStrictEqual([200, {}, 404, []]);
    });
  });

  describe('when Plugboard rejects the demo’s key', () => {
    it('answers 502 telling the operator to restart, without the key', async () => {
      fx.store.setApiKey('ks_dev_not-a-real-key-000000000000000000000000');
      const res = await fx.demoCall('/api/connect-link', { method: 'POST' });
      expect([res.status, res.body.error.code, JSON.stringify(res.body).includes('ks_dev_')]).toStrictEqual([502, 'PLATFORM.AUTHENTICATION_INVALID', false]);
    });
  });
});
