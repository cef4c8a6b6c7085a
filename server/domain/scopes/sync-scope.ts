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

/** `{ field: null, ... }` for the fields turned off in a snapshot list, or undefined when none are. */
const blankOf = (scope: SyncScope, list: HrisModel): Record<string, null> | undefined => {
  const keys = scope.blanked.get(list);
  return keys ? Object.fromEntries(keys.map((k) => [k, null])) : undefined;
};

/**
 * Nulls the turned-off fields in the changed records of a read's deltas (copies; the source's objects
 * are left alone), before an incremental sync prepares them or they are merged over stored records.
 */
export function blankDisabledChanges(scope: SyncScope, deltas: ReadonlyMap<ModelKey, { changed: unknown[] }>): void {
  for (const [model, delta] of deltas) {
    const blank = blankOf(scope, SNAPSHOT_FIELD[model] as HrisModel);
    if (blank) delta.changed = delta.changed.map((record) => ({ ...(record as object), ...blank }));
  }
}

/**
 * Nulls the turned-off fields in a whole snapshot's unified records (copies), so they are neither stored
 * nor rendered. Called between reading (and merging stored records in) and preparing a snapshot.
 */
export function blankDisabledFields(scope: SyncScope, snapshot: HrisSnapshot): void {
  for (const list of scope.blanked.keys()) {
    const blank = blankOf(scope, list)!;
    (snapshot[list] as unknown[]) = (snapshot[list] as object[]).map((record) => ({ ...record, ...blank }));
  }
}
