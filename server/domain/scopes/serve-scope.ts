import { declarationOf } from '../catalogue/index.ts';
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

/** The fields to serve as null on a model's endpoint: its own, and those of the child records it embeds. */
export interface HiddenFields {
  own: readonly string[];
  /** Wire key of an embedded child list (`employments` in an employee) -> its hidden fields. */
  embedded: readonly (readonly [key: string, fields: readonly string[]])[];
  /** A stable text of the above (empty: nothing hidden), for cache keys. */
  key: string;
}

const hiddenOf = (scope: ScopeConfig, model: ModelKey): string[] => [...(scope.disabledFields.get(scopeModelOf(model).id) ?? [])];

/** The fields a model's endpoint must answer as null under the scope configuration. */
export function hiddenFieldsOf(scope: ScopeConfig, model: ModelKey): HiddenFields {
  const own = hiddenOf(scope, model);
  // Children are embedded under their store key (an employee's `employments`, `time_off_balances`).
  const embedded = declarationOf(model).relations.flatMap((r) => {
    const fields = r.kind === 'children' ? hiddenOf(scope, r.model) : [];
    return fields.length > 0 ? [[r.model, fields] as const] : [];
  });
  const key = own.length + embedded.length === 0 ? '' : JSON.stringify([own, embedded]);
  return { own, embedded, key };
}

const blank = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, null]));

/**
 * Pre-rendered results (comma-joined wire objects) with the hidden fields answering null: records
 * synced before a field was turned off still hold its value, and must not serve it.
 */
export function withHiddenFieldsNull(resultsJson: string, hidden: HiddenFields): string {
  if (hidden.key === '' || resultsJson === '') return resultsJson;
  const own = blank(hidden.own);
  const records = JSON.parse(`[${resultsJson}]`) as Record<string, unknown>[];
  return records
    .map((r) => {
      const out: Record<string, unknown> = { ...r, ...own };
      for (const [key, fields] of hidden.embedded) {
        if (Array.isArray(out[key])) out[key] = (out[key] as object[]).map((child) => ({ ...child, ...blank(fields) }));
      }
      return JSON.stringify(out);
    })
    .join(',');
}
