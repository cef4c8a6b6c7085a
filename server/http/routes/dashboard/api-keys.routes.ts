import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { createApiKey, disableApiKey, setApiKeyAllowlist } from '../../../domain/api-keys.ts';
import { listEnvironmentKeys, requireEnvironmentKey } from '../../../domain/console/environment-keys.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { ok } from '../../respond.ts';
import { parseAllowlistBody, parseCreateKeyBody } from './api-keys.parsers.ts';
import { toApiConsoleKey } from './console.mappers.ts';
import { allow, consoleSessionOf, environmentParam } from './console-session.ts';

/** The console confirms an allow-all range with a checkbox; the error says so instead of naming the CLI's flag. */
const ALLOW_ALL_HINT = 'Confirm that the key may be used from any address if that is really meant';

/**
 * The secrets page's API under `/environments/:environment/api-keys`: list (never the key), create (the
 * key answered once, here only), edit the allowlist, disable for good. Every change is audited by the domain.
 */
export function apiKeysRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment/api-keys';

  router.get(base, allow('api_keys.read'), async (req, res) => {
    const keys = await listEnvironmentKeys(deps.db, consoleSessionOf(req).user.tenantId, environmentParam(req));
    ok(res, { results: keys.map((k) => toApiConsoleKey(k.key, k.createdBy)) });
  });

  router.post(base, allow('api_keys.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const body = parseCreateKeyBody(req.body);
    const { key, info } = await createApiKey(deps, userActor(user), {
      tenantId: user.tenantId,
      environment: environmentParam(req),
      name: body.name ?? null,
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
      ipAllowlist: body.ip_allowlist ?? [],
      allowAll: body.allow_all ?? false,
      allowAllHint: ALLOW_ALL_HINT,
    });
    ok(res, { key, api_key: toApiConsoleKey(info, user.email) });
  });

  router.put(`${base}/:id/allowlist`, allow('api_keys.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const body = parseAllowlistBody(req.body);
    const current = await requireEnvironmentKey(deps.db, user.tenantId, environmentParam(req), req.params.id as string);
    const info = await setApiKeyAllowlist(deps, userActor(user), user.tenantId, current.id, body.ip_allowlist, { allowAll: body.allow_all ?? false, allowAllHint: ALLOW_ALL_HINT });
    ok(res, { api_key: toApiConsoleKey(info) });
  });

  router.post(`${base}/:id/disable`, allow('api_keys.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const current = await requireEnvironmentKey(deps.db, user.tenantId, environmentParam(req), req.params.id as string);
    const info = await disableApiKey(deps, userActor(user), user.tenantId, current.id);
    ok(res, { api_key: toApiConsoleKey(info) });
  });

  return router;
}
