import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoStore } from '../../../demo/server/demo-store.ts';
import { type RunningDemo, startDemo } from '../../../demo/server/start-demo.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { sharedStore, type StoreName } from '../../helpers/stores.ts';
import { connectSandbox, tokenOf } from '../connect/connect-helpers.ts';

/** The real Plugboard app and the demo in front of it, with the demo holding a development key. */
export interface DemoFixture {
  app: TestApp;
  tenant: TestTenant;
  /** The demo's API key (tests check it never leaves the backend). */
  key: string;
  dir: string;
  store: DemoStore;
  demo: RunningDemo;
  /** `http://127.0.0.1:<demo port>`. */
  url: string;
  /** A call to the demo backend (no API key: the page never has one). */
  demoCall(pathname: string, init?: { method?: string; body?: unknown }): ReturnType<typeof call>;
  close(): Promise<void>;
}

export async function startDemoFixture(storeName: StoreName): Promise<DemoFixture> {
  const store = await sharedStore(storeName);
  // As a server runs (server/start.ts): workers take up the first sync the flow queued.
  const app = await startApp(store, { workers: true });
  const tenant = await createTestTenant(store);
  const { key } = await createTestKey(app.deps, tenant);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugboard-demo-'));
  const demoStore = new DemoStore(dir);
  demoStore.setApiKey(key);
  const demo = await startDemo({ port: 0, plugboardUrl: app.url, store: demoStore });
  const url = `http://127.0.0.1:${demo.port}`;
  return {
    app,
    tenant,
    key,
    dir,
    store: demoStore,
    demo,
    url,
    // As the page does: every state-changing call is JSON, with `{}` when it carries no data.
    demoCall: (pathname, init) => call(`${url}${pathname}`, null, { ...init, body: init?.body ?? (init?.method && init.method !== 'GET' ? {} : undefined) }),
    async close() {
      await demo.stop();
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the page does: a link from the demo, the flow with the Sandbox, the token handed to the demo. */
export async function connectThroughDemo(fx: DemoFixture, credentials?: Record<string, string>): Promise<{ status: number; body: any }> {
  const link = await fx.demoCall('/api/connect-link', { method: 'POST' });
  if (link.status !== 200) throw new Error(`connect-link answered ${link.status}: ${JSON.stringify(link.body)}`);
  const activationToken = await connectSandbox(fx.app, tokenOf(link.body.link), credentials);
  return fx.demoCall('/api/integrations', { method: 'POST', body: { token: activationToken } });
}
