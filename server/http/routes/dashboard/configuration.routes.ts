import { type Request, Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { getEnvironmentSettings, settingsJson, updateEnvironmentSettings } from '../../../domain/environment-settings.ts';
import { changeToolEnabled, listEnvironmentTools } from '../../../domain/environment-tools.ts';
import { getScopeConfig, updateScopeConfig } from '../../../domain/scopes/scope-config.ts';
import { ok } from '../../respond.ts';
import { toApiConfiguration, toApiConsoleScopes, toApiConsoleTool } from './configuration.mappers.ts';
import { parseSettingsBody, parseToolEnabledBody } from './configuration.parsers.ts';
import { allow, consoleActorOf } from './console-session.ts';
import { environmentRefOf } from './environment-ref.ts';

/**
 * An environment's configuration in the console: enabled tools, the scope configuration and the flow's
 * settings (branding, allowed embedding origins). Every change is audited with before and after.
 */
export function configurationRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment/configuration';

  const environmentOf = (req: Request) => environmentRefOf(deps.db, req);

  router.get(base, allow('configuration.read'), async (req, res) => {
    const env = await environmentOf(req);
    const [tools, scope, settings] = await Promise.all([
      listEnvironmentTools(deps, env),
      getScopeConfig(deps.db, env.environmentId),
      getEnvironmentSettings(deps.db, env.environmentId),
    ]);
    ok(res, toApiConfiguration(tools, scope, settings));
  });

  router.put(`${base}/tools/:tool`, allow('configuration.write'), async (req, res) => {
    const { enabled } = parseToolEnabledBody(req.body);
    const tool = await changeToolEnabled(deps, consoleActorOf(req), await environmentOf(req), req.params.tool as string, enabled);
    ok(res, { tool: toApiConsoleTool(tool) });
  });

  router.put(`${base}/scopes`, allow('scopes.write'), async (req, res) => {
    const scope = await updateScopeConfig(deps, consoleActorOf(req), await environmentOf(req), req.body);
    ok(res, { models: toApiConsoleScopes(scope) });
  });

  router.patch(`${base}/settings`, allow('configuration.write'), async (req, res) => {
    const settings = await updateEnvironmentSettings(deps, consoleActorOf(req), await environmentOf(req), parseSettingsBody(req.body));
    ok(res, { settings: settingsJson(settings) });
  });

  return router;
}
