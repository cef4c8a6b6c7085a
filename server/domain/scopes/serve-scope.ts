import { AppError } from '../errors.ts';
import type { ModelKey } from '../hris/models.ts';
import { scopeModelOf } from './scope-catalogue.ts';
import type { ScopeConfig } from './scope-config.ts';

/**
 * Refuses a model the environment's scope configuration turned off. Kombo has two codes here:
 * MODEL_NOT_AVAILABLE ("This data model isn't supported for the selected integration", the tool does
 * not cover it; assertModelReadable answers it) and MODEL_DISABLED, the one for a model the customer's
 * scope configuration turned off: the tool could read it, the vendor chose not to. Both are HRIS codes
 * the official SDK parses as a KomboHrisError.
 */
export function assertModelInScope(scope: ScopeConfig, model: ModelKey): void {
  const { id } = scopeModelOf(model);
  if (scope.disabledModels.has(id)) {
    throw new AppError('INTEGRATION.MODEL_DISABLED', `The ${id} model is turned off in this environment's scope configuration.`);
  }
}

/** The wire fields of a model the scope configuration turned off (empty: serve as stored). */
export function hiddenFieldsOf(scope: ScopeConfig, model: ModelKey): readonly string[] {
  return [...(scope.disabledFields.get(scopeModelOf(model).id) ?? [])];
}

/**
 * Pre-rendered results (comma-joined wire objects) with the hidden fields answering null: records
 * synced before a field was turned off still hold its value, and must not serve it.
 */
export function withHiddenFieldsNull(resultsJson: string, hidden: readonly string[]): string {
  if (hidden.length === 0 || resultsJson === '') return resultsJson;
  const records = JSON.parse(`[${resultsJson}]`) as Record<string, unknown>[];
  const blank = Object.fromEntries(hidden.map((f) => [f, null]));
  return records.map((r) => JSON.stringify({ ...r, ...blank })).join(',');
}
