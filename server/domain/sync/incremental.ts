import type { HrisSnapshot } from '../../connectors/unified-hris.ts';
import type { Db } from '../../store/db.ts';
import { type StoredUnified, countWithoutUnified, loadStoredUnified } from '../../store/queries/hris-record-subset.ts';

/** Above this many remote IDs, finding the records that refer to them reads the whole model instead. */
const REFERRING_LIMIT = 500;
import { HRIS_CATALOGUE, type Relation, declarationOf } from '../catalogue/index.ts';
import { MODEL_KEYS, type ModelKey, SNAPSHOT_FIELD } from '../hris/models.ts';
import { type Prepared, type PreparedByModel, type RecordLookup, prepareSnapshot } from './prepare.ts';
import type { SourceRead } from './read-source.ts';

/**
 * What an incremental sync plans: only the records a DELTA read changed and the records embedding them
 * (the other prepared records are there for lookups), plus the records the read deleted.
 */
export interface IncrementalScope {
  planned: ReadonlySet<Prepared>;
  deleted: readonly { model: ModelKey; id: string }[];
  /** The stored seq of the records known to be stored (`model\u0000` Kombo ID), so their states are read by primary key. */
  seqs: ReadonlyMap<string, number>;
}

type Unified = { remoteId: string };
type Keyed = Map<ModelKey, Set<string>>;

const add = (sets: Keyed, model: ModelKey, id: string) => {
  let set = sets.get(model);
  if (!set) sets.set(model, (set = new Set()));
  set.add(id);
};

/** Remote IDs a relation of `rec` points at (one/many), or [] for children (found by their parent reference). */
function refsOf(relation: Relation<ModelKey>, rec: Unified): string[] {
  if (relation.kind === 'one') {
    const id = relation.ref(rec as never);
    return id === null ? [] : [id];
  }
  return relation.kind === 'many' ? [...relation.refs(rec as never)] : [];
}

/**
 * Prepares a read in which every model came as changes (or was unavailable) without reading or hashing
 * the whole company: the changed records, the stored records that embed a changed or deleted one (by the
 * catalogue's relations: `one`/`many` references and `children` parents, before and after the change),
 * and every record those embed. Planned with the returned scope, it writes exactly what a sync of the
 * merged complete snapshot (mergeDeltas) writes, because every other record would come out unchanged.
 * Returns null when the read is not all changes (some model came as full pages or not at all).
 */
export async function prepareIncremental(
  db: Db,
  integrationId: string,
  read: SourceRead,
): Promise<{ byModel: PreparedByModel; lookup: RecordLookup; scope: IncrementalScope } | null> {
  if (read.deltas.size === 0 || !MODEL_KEYS.every((m) => read.deltas.has(m) || read.unavailable.has(m))) return null;
  const deltaModels = [...read.deltas.keys()];
  const missing = await countWithoutUnified(db, integrationId, deltaModels);
  if (missing > 0) {
    throw new Error(`The source sent changes, and ${missing} stored records predate the stored unified form: a complete sync is needed first.`);
  }

  // The read's changes, merged as mergeDeltas does: the last version of a record wins, a deletion wins over a change.
  const changed = new Map<ModelKey, Map<string, Unified>>();
  const deleted: Keyed = new Map();
  const touched: Keyed = new Map();
  for (const [model, delta] of read.deltas) {
    const byId = new Map<string, Unified>();
    for (const rec of delta.changed as Unified[]) byId.set(rec.remoteId, rec);
    for (const id of delta.deletedRemoteIds) {
      byId.delete(id);
      add(deleted, model, id);
    }
    changed.set(model, byId);
    for (const id of byId.keys()) add(touched, model, id);
    for (const id of delta.deletedRemoteIds) add(touched, model, id);
  }

  // Stored records, loaded per model as a whole (to find references) or by remote ID.
  const whole = new Map<ModelKey, StoredUnified[]>();
  const stored = new Map<ModelKey, Map<string, StoredUnified>>();
  const storedOf = (model: ModelKey) => {
    let map = stored.get(model);
    if (!map) stored.set(model, (map = new Map()));
    return map;
  };
  const keep = (model: ModelKey, rows: StoredUnified[]) => {
    const map = storedOf(model);
    for (const row of rows) if (!map.has(row.remoteId)) map.set(row.remoteId, row);
    return rows;
  };
  /**
   * The stored records of `model` whose `field` (when the relation names one) holds one of `ids`; all of
   * the model's records otherwise, or when there are many IDs. Callers check the references themselves.
   */
  const loadReferring = async (model: ModelKey, relation: Relation<ModelKey>, ids: ReadonlySet<string>): Promise<StoredUnified[]> => {
    const all = whole.get(model);
    if (all) return all;
    if (relation.field && ids.size <= REFERRING_LIMIT) {
      const attr = declarationOf(model).lookupFields?.includes(relation.field) ?? false;
      return keep(model, await loadStoredUnified(db, integrationId, model, { field: relation.field, values: [...ids], array: relation.kind === 'many', attr }));
    }
    const rows = keep(model, await loadStoredUnified(db, integrationId, model));
    whole.set(model, rows);
    return rows;
  };
  const loadIds = async (model: ModelKey, ids: Iterable<string>): Promise<void> => {
    if (whole.has(model)) return;
    const map = storedOf(model);
    const wanted = [...new Set(ids)].filter((id) => !map.has(id));
    keep(model, await loadStoredUnified(db, integrationId, model, { remoteIds: wanted }));
  };
  /** The record as it stands after the read, or undefined when it does not exist (deleted, never stored). */
  const current = (model: ModelKey, id: string): Unified | undefined =>
    changed.get(model)?.get(id) ?? (deleted.get(model)?.has(id) ? undefined : (stored.get(model)?.get(id)?.record as Unified | undefined));

  for (const [model, ids] of deleted) await loadIds(model, ids);

  // The records to plan: every changed one, and those embedding a changed or deleted record.
  const focus: Keyed = new Map();
  for (const [model, byId] of changed) for (const id of byId.keys()) add(focus, model, id);
  for (const declaration of HRIS_CATALOGUE) {
    const model = declaration.key;
    for (const relation of declaration.relations) {
      const hit = touched.get(relation.model);
      if (!hit) continue;
      if (relation.kind === 'children') {
        await loadIds(relation.model, hit);
        const parents = new Set<string>();
        for (const id of hit) {
          const before = stored.get(relation.model)?.get(id)?.record;
          const after = changed.get(relation.model)?.get(id);
          if (before) parents.add(relation.parentRef(before as never));
          if (after) parents.add(relation.parentRef(after as never));
        }
        await loadIds(model, parents);
        for (const id of parents) if (current(model, id)) add(focus, model, id);
        continue;
      }
      for (const row of await loadReferring(model, relation, hit)) {
        if (refsOf(relation, row.record as Unified).some((id) => hit.has(id)) && current(model, row.remoteId)) add(focus, model, row.remoteId);
      }
      for (const rec of changed.get(model)?.values() ?? []) if (refsOf(relation, rec).some((id) => hit.has(id))) add(focus, model, rec.remoteId);
    }
  }

  // Everything the planned records embed, so their lookups see what a complete snapshot would show.
  const context: Keyed = new Map();
  for (const [model, ids] of focus) {
    await loadIds(model, ids);
    for (const relation of declarationOf(model).relations) {
      if (relation.kind === 'children') {
        for (const row of await loadReferring(relation.model, relation, ids)) if (ids.has(relation.parentRef(row.record as never))) add(context, relation.model, row.remoteId);
        for (const rec of changed.get(relation.model)?.values() ?? []) if (ids.has(relation.parentRef(rec as never))) add(context, relation.model, rec.remoteId);
        continue;
      }
      const refs = new Set<string>();
      for (const id of ids) {
        const rec = current(model, id);
        if (rec) for (const ref of refsOf(relation, rec)) refs.add(ref);
      }
      await loadIds(relation.model, refs);
      for (const ref of refs) add(context, relation.model, ref);
    }
  }

  // The subset as a snapshot, in the order a merged snapshot has: stored records by seq, then new ones in read order.
  const snapshot = Object.fromEntries(MODEL_KEYS.map((m) => [SNAPSHOT_FIELD[m], []])) as unknown as HrisSnapshot;
  for (const model of MODEL_KEYS) {
    const wanted = new Set([...(focus.get(model) ?? []), ...(context.get(model) ?? [])]);
    if (wanted.size === 0) continue;
    const list = snapshot[SNAPSHOT_FIELD[model]] as unknown[];
    const storedRows = [...(stored.get(model)?.values() ?? [])].filter((row) => wanted.has(row.remoteId)).sort((a, b) => a.seq - b.seq);
    for (const row of storedRows) {
      const rec = current(model, row.remoteId);
      if (rec) list.push(rec);
    }
    for (const rec of changed.get(model)?.values() ?? []) if (!stored.get(model)?.has(rec.remoteId) && wanted.has(rec.remoteId)) list.push(rec);
  }

  const { byModel, lookup } = await prepareSnapshot(integrationId, snapshot);
  const planned = new Set<Prepared>();
  for (const model of MODEL_KEYS) for (const p of byModel[model] as Prepared[]) if (focus.get(model)?.has(p.remoteId)) planned.add(p);
  const gone: { model: ModelKey; id: string }[] = [];
  for (const [model, ids] of deleted) for (const id of ids) gone.push({ model, id: lookup.idOf(model, id)! });
  const seqs = new Map<string, number>();
  for (const [model, rows] of stored) for (const row of rows.values()) seqs.set(`${model}\u0000${lookup.idOf(model, row.remoteId)!}`, row.seq);
  return { byModel, lookup, scope: { planned, deleted: gone, seqs } };
}
