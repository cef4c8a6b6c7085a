import { type Request, type Response, Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { connectWithLink } from '../../domain/links-connect.ts';
import { getFlowSession } from '../../domain/links-session.ts';
import { finishOAuth, startOAuth } from '../../domain/oauth-flow.ts';
import { oauthCallbackMessage, oauthCallbackPage } from '../oauth-callback-page.ts';
import { LANGUAGE_HEADER, LINK_TOKEN_HEADER } from '../../../widget/protocol/flow-api.ts';
import { toConnectOutcome, toFlowSession } from '../mappers/flow.mapper.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { LANGUAGES } from '../parsers/connect.ts';
import { parseConnectRequest, parsePreferredLanguage } from '../parsers/flow.ts';
import { ok } from '../respond.ts';

const linkToken = (req: Request): string | undefined => req.get(LINK_TOKEN_HEADER)?.trim() || undefined;

/** The customer's language preference: the loader's option, else the browser's `Accept-Language`. */
const preferredLanguage = (req: Request) =>
  parsePreferredLanguage(req.get(LANGUAGE_HEADER)?.trim(), req.get('accept-language') ? req.acceptsLanguages([...LANGUAGES]) : false);

/** Aborts when the client goes away before we answered, so slow verifications stop with it. */
function clientGone(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) controller.abort(new Error(`client closed ${req.method} ${req.path}`));
  });
  return controller.signal;
}

/**
 * The flow API of widget/protocol/flow-api.ts, mounted at `/flow/v1` without API-key auth: the link
 * token in `X-Plugboard-Link` is the credential. Responses are never cached.
 */
export function flowRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(jsonBody());

  router.get('/session', async (req, res) => {
    const { link, tools, settings } = await getFlowSession(deps, linkToken(req), preferredLanguage(req));
    ok(res, toFlowSession(link, tools, settings));
  });

  router.post('/connect', async (req, res) => {
    const request = parseConnectRequest(req.body);
    const gone = clientGone(req, res);
    // The customer closing the flow mid-verification is expected, not a server error: one info line.
    const result = await connectWithLink(deps, linkToken(req), request, gone, preferredLanguage(req)).catch((err: unknown) => {
      if (gone.aborted) return null;
      throw err;
    });
    if (!result) {
      req.log?.info({ requestId: req.id, tool: request.tool }, 'verification cancelled: the client went away');
      return;
    }
    ok(res, toConnectOutcome(result));
  });

  router.post('/oauth/start', async (req, res) => {
    const tool = typeof req.body?.tool === 'string' ? req.body.tool : '';
    const { authorizationUrl } = await startOAuth(deps, linkToken(req), tool, deps.config.publicUrl);
    ok(res, { authorization_url: authorizationUrl });
  });

  // The tool redirects the popup here: a browser navigation, so it answers a page, never JSON.
  router.get('/oauth/callback', async (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const result = await finishOAuth(deps, { code: q('code'), state: q('state'), error: q('error') }, deps.config.publicUrl, clientGone(req, res));
    const page = oauthCallbackPage(oauthCallbackMessage(result), new URL(deps.config.publicUrl).origin);
    res.setHeader('Content-Security-Policy', page.csp);
    res.type('html').send(page.html);
  });

  return router;
}
