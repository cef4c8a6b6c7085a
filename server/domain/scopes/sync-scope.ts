import type { HrisModel } from '../../connectors/data-source.ts';
import type { HrisSnapshot } from '../../connectors/unified-hris.ts';
import type { Db } from '../../store/db.ts';
import { findIntegrationScopesRow } from '../../store/queries/environment-scopes.ts';
import { type ModelKey, SNAPSHOT_FIELD } from '../hris/models.ts';
import { SCOPE_CATALOGUE, unifiedKeyOf } from './scope-catalogue.ts';
import { scopeConfigFromRow } from './scope-config.ts';

/** What a sync of one integration reads and keeps, from its environment's scope configuration. */
export interface SyncScope {
  /** The models to read (`ReadContext.models`); undefined when every model is on. */
  models: ReadonlySet<HrisModel> | undefined;
  /** Snapshot list -> unified record properties to blank before the records are prepared and stored. */
  blanked: ReadonlyMap<HrisModel, readonly string[]>;
}

/** The scope of the next sync of an integration (one query). */
export async function loadSyncScope(db: Db, integrationId: string): Promise<SyncScope> {
  const config = scopeConfigFromRow(await findIntegrationScopesRow(db, integrationId));
  const enabled = SCOPE_CATALOGUE.filter((m) => !config.disabledModels.has(m.id));
  const blanked = new Map<HrisModel, readonly string[]>();
  for (const m of enabled) {
    const off = config.disabledFields.get(m.id);
    if (off?.size) blanked.set(SNAPSHOT_FIELD[m.model], [...off].map(unifiedKeyOf));
  }
  return {
    models: enabled.length === SCOPE_CATALOGUE.length ? undefined : new Set(enabled.map((m) => SNAPSHOT_FIELD[m.model])),
    blanked,
  };
}

/**
 * Nulls the turned-off fields in the unified records a read delivered, full pages and changes alike
 * (copies; the source's objects are left alone), so they are neither stored nor rendered. Called
 * between reading and preparing.
 */
export function blankDisabledFields(scope: SyncScope, read: { snapshot: HrisSnapshot; deltas: ReadonlyMap<ModelKey, { changed: unknown[] }> }): void {
  for (const [list, keys] of scope.blanked) {
    const blank = Object.fromEntries(keys.map((k) => [k, null]));
    (read.snapshot[list] as unknown[]) = (read.snapshot[list] as object[]).map((record) => ({ ...record, ...blank }));
  }
  for (const [model, delta] of read.deltas) {
    const keys = scope.blanked.get(SNAPSHOT_FIELD[model] as HrisModel);
    if (!keys) continue;
    const blank = Object.fromEntries(keys.map((k) => [k, null]));
    delta.changed = delta.changed.map((record) => ({ ...(record as object), ...blank }));
  }
}
