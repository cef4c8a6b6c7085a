import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type EmployeesPage, FLOW_LANGUAGES, type IntegrationView, type SessionView } from '../shared/api-types.ts';
import { DEMO_CUSTOMER } from './customer.ts';
import type { DemoStore } from './demo-store.ts';
import { DemoError, toDemoError } from './demo-error.ts';
import type { EmployeeSearch } from './employee-search.ts';
import { toEmployeeView, toIntegrationView } from './employee-view.ts';
import type { PlugboardClient } from './plugboard-client.ts';
import type { SyncTracker } from './sync-tracker.ts';

/** Rows per page of the people table. @default 25 */
export const EMPLOYEES_PAGE_SIZE = 25;

/** What the demo's routes work with. */
export interface DemoContext {
  client: PlugboardClient;
  store: DemoStore;
  search: EmployeeSearch;
  syncs: SyncTracker;
  /** Plugboard's public origin, where the browser loads `connect.js` from. */
  plugboardUrl: string;
}

const activateBody = z.object({ token: z.string().min(1).max(500) });
const enabledBody = z.object({ enabled: z.boolean() });
/** The language the customer's flow should speak (the page's choice, else the browser's). */
const linkBody = z.object({ language: z.enum(FLOW_LANGUAGES).optional() });
const employeesQuery = z.object({
  cursor: z.string().max(2000).optional(),
  q: z.string().trim().max(200).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new DemoError(400, 'INPUT_INVALID', result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

const looksLikeEmail = (q: string) => /^[^\s@]+@[^\s@]+$/.test(q);

/**
 * The demo backend's JSON API for its page. It holds the API key and calls Plugboard through the
 * official SDK; the page only ever names integrations this backend connected (never an arbitrary ID).
 */
export function apiRoutes(ctx: DemoContext): Router {
  const router = Router();
  const { client, store } = ctx;
  const fail = (err: unknown) => toDemoError(err, ctx.plugboardUrl);

  /** The integration `:id` if this demo connected it; Plugboard is never asked about others. */
  const owned = (req: Request) => {
    const integration = store.integrations.find((i) => i.id === req.params.id);
    if (!integration) throw new DemoError(404, 'NOT_CONNECTED', 'This HR system is not connected to your account.');
    return integration.id;
  };

  /** Runs a Plugboard call; an integration deleted elsewhere (e.g. the CLI) is forgotten here too. */
  const plugboard = async <T>(integrationId: string | null, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      const error = fail(err);
      if (integrationId && error.code === 'PLATFORM.INTEGRATION_NOT_FOUND') {
        store.removeIntegration(integrationId);
        ctx.search.forget(integrationId);
        ctx.syncs.forget(integrationId);
      }
      throw error;
    }
  };

  const details = async (id: string): Promise<IntegrationView> => toIntegrationView(await plugboard(id, () => client.integrationDetails(id)));

  router.get('/session', async (_req, res: Response<SessionView>) => {
    let integration: IntegrationView | null = null;
    // Newest first; skip (and forget) integrations that no longer exist in Plugboard.
    for (const stored of [...store.integrations]) {
      try {
        integration = await details(stored.id);
        break;
      } catch (err) {
        if (!(err instanceof DemoError && err.code === 'PLATFORM.INTEGRATION_NOT_FOUND')) throw err;
      }
    }
    const sync = integration ? ctx.syncs.last(integration.id) : null;
    const { organizationName, adminName, adminEmail } = DEMO_CUSTOMER;
    res.json({ customer: { organizationName, adminName, adminEmail }, plugboardUrl: ctx.plugboardUrl, integration, sync });
  });

  router.post('/connect-link', async (req, res) => {
    const { language } = parse(linkBody, req.body);
    const link = await plugboard(null, () =>
      client.createConnectionLink(
        {
          email: DEMO_CUSTOMER.adminEmail,
          organizationName: DEMO_CUSTOMER.organizationName,
          originId: DEMO_CUSTOMER.originId,
        },
        language,
      ),
    );
    res.json({ link });
  });

  // The browser hands over the activation token; only the backend can swap it, with its API key.
  router.post('/integrations', async (req, res) => {
    const { token } = parse(activateBody, req.body);
    const found = await plugboard(null, () => client.integrationByToken(token));
    store.saveIntegration({ id: found.id, tool: found.tool, organizationName: found.end_user_organization_name, connectedAt: new Date().toISOString() });
    ctx.search.forget(found.id);
    res.json({ integration: await details(found.id) });
  });

  router.get('/integrations/:id', async (req, res) => {
    res.json({ integration: await details(owned(req)) });
  });

  router.post('/integrations/:id/relink-link', async (req, res) => {
    const id = owned(req);
    const { language } = parse(linkBody, req.body);
    res.json({ link: await plugboard(id, () => client.createReconnectionLink(id, language)) });
  });

  router.put('/integrations/:id/enabled', async (req, res) => {
    const id = owned(req);
    const { enabled } = parse(enabledBody, req.body);
    await plugboard(id, () => client.setEnabled(id, enabled));
    res.json({ integration: await details(id) });
  });

  router.delete('/integrations/:id', async (req, res) => {
    const id = owned(req);
    await plugboard(id, () => client.deleteIntegration(id));
    store.removeIntegration(id);
    ctx.search.forget(id);
    ctx.syncs.forget(id);
    res.json({});
  });

  router.post('/integrations/:id/sync', async (req, res) => {
    const id = owned(req);
    const sync = await plugboard(id, () => ctx.syncs.request(id));
    // The next search reads the employees again instead of reusing what it read before the sync.
    ctx.search.forget(id);
    res.json({ sync });
  });

  router.get('/integrations/:id/sync', async (req, res) => {
    const id = owned(req);
    const sync = await plugboard(id, () => ctx.syncs.current(id));
    // A finished sync changed the data: the next search reads the employees again.
    if (sync?.state === 'SUCCEEDED') ctx.search.forget(id);
    res.json({ sync });
  });

  router.get('/integrations/:id/employees', async (req, res: Response<EmployeesPage>) => {
    const id = owned(req);
    const { cursor, q } = parse(employeesQuery, req.query);
    if (q && !looksLikeEmail(q)) {
      const offset = Number(cursor ?? 0) || 0;
      const { matches, searched } = await plugboard(id, () => ctx.search.search(id, q));
      const page = matches.slice(offset, offset + EMPLOYEES_PAGE_SIZE);
      const next = offset + EMPLOYEES_PAGE_SIZE < matches.length ? String(offset + EMPLOYEES_PAGE_SIZE) : null;
      res.json({ employees: page, next, mode: 'scan', pageSize: EMPLOYEES_PAGE_SIZE, matched: matches.length, searched });
      return;
    }
    // The Kombo API pages without a total: the list's total is counted from the employees the search
    // keeps (read once a minute), fetched beside the page.
    const [page, total] = await Promise.all([
      plugboard(id, () => client.employeesPage(id, { cursor, pageSize: EMPLOYEES_PAGE_SIZE, workEmails: q || undefined })),
      q ? undefined : plugboard(id, () => ctx.search.search(id, '')).then((r) => r.searched),
    ]);
    res.json({ employees: page.results.map(toEmployeeView), next: page.next, mode: q ? 'email' : 'list', pageSize: EMPLOYEES_PAGE_SIZE, ...(total === undefined ? {} : { total }) });
  });

  router.use((_req, _res, next) => next(new DemoError(404, 'NOT_FOUND', 'No such demo API route.')));
  return router;
}
