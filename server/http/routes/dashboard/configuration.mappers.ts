import { type EnvironmentSettings, settingsJson } from '../../../domain/environment-settings.ts';
import type { EnvironmentTool } from '../../../domain/environment-tools.ts';
import { SCOPE_CATALOGUE } from '../../../domain/scopes/scope-catalogue.ts';
import type { ScopeConfig } from '../../../domain/scopes/scope-config.ts';

/** A tool row of the configuration page. */
export const toApiConsoleTool = (t: EnvironmentTool) => ({ id: t.id, label: t.label, categories: t.categories, icon_url: t.iconUrl, enabled: t.enabled });

/** Every read model with its fields, each with whether it is on and whether it may be turned off. */
export const toApiConsoleScopes = (scope: ScopeConfig) =>
  SCOPE_CATALOGUE.map((m) => ({
    id: m.id,
    label: m.label,
    enabled: !scope.disabledModels.has(m.id),
    fields: m.fields.map((f) => ({ id: f.id, enabled: !(scope.disabledFields.get(m.id)?.has(f.id) ?? false), locked: f.locked })),
  }));

/** `GET /dashboard/api/environments/:environment/configuration`. */
export const toApiConfiguration = (tools: EnvironmentTool[], scope: ScopeConfig, settings: EnvironmentSettings) => ({
  tools: tools.map(toApiConsoleTool),
  models: toApiConsoleScopes(scope),
  settings: settingsJson(settings),
});
