import type { AnySource, HrisModel, ReadContext, SourceItem } from '../../connectors/data-source.ts';
import type { HrisSnapshot } from '../../connectors/unified-hris.ts';
import type { Db } from '../../store/db.ts';
import { loadUnifiedRecords } from '../../store/queries/hris-records.ts';
import { MODEL_KEYS, type ModelKey, SNAPSHOT_FIELD } from '../hris/models.ts';

/** The changes a DELTA read named for one model. */
export interface ReadDelta {
  changed: unknown[];
  deletedRemoteIds: Set<string>;
}

/**
 * The records a read delivered, the models it could not read (their stored records carry over) and
 * the models it read as changes only (merged over the stored records by mergeDeltas).
 */
export interface SourceRead {
  snapshot: HrisSnapshot;
  unavailable: ReadonlySet<ModelKey>;
  deltas: ReadonlyMap<ModelKey, ReadDelta>;
}

const MODEL_OF = new Map(MODEL_KEYS.map((m) => [SNAPSHOT_FIELD[m] as HrisModel, m]));

const emptySnapshot = (): HrisSnapshot => Object.fromEntries(MODEL_KEYS.map((m) => [SNAPSHOT_FIELD[m], []])) as unknown as HrisSnapshot;

/** A whole-snapshot source seen as pages (one per model). */
async function* pagesOfSnapshot(source: { readHris(ctx: ReadContext): Promise<HrisSnapshot> }, ctx: ReadContext): AsyncIterable<SourceItem> {
  const snapshot = await source.readHris(ctx);
  for (const model of Object.keys(snapshot) as HrisModel[]) yield { model, records: snapshot[model] } as SourceItem;
}

/**
 * Reads a source page by page into one snapshot, checking cancellation between pages. A model reported
 * unavailable drops the pages already received for it; a thrown error (RemoteError or other) fails the
 * read before anything is written.
 */
export async function readSource(source: AnySource, ctx: ReadContext): Promise<SourceRead> {
  const snapshot = emptySnapshot();
  const unavailable = new Set<ModelKey>();
  const deltas = new Map<ModelKey, ReadDelta>();
  const items = 'read' in source ? source.read(ctx) : pagesOfSnapshot(source, ctx);
  for await (const item of items) {
    ctx.signal.throwIfAborted();
    const model = MODEL_OF.get(item.model);
    if (!model) throw new Error(`The source yielded an unknown model '${String(item.model)}'.`);
    if (ctx.models && !ctx.models.has(item.model)) continue; // turned off by the scope configuration: read as empty
    if ('unavailable' in item) {
      unavailable.add(model);
      (snapshot[item.model] as unknown[]) = [];
      continue;
    }
    if (unavailable.has(model)) continue;
    if ('changed' in item) {
      if ((snapshot[item.model] as unknown[]).length > 0) throw new Error(`The source yielded both full pages and changes of ${model}.`);
      const delta = deltas.get(model) ?? { changed: [], deletedRemoteIds: new Set<string>() };
      deltas.set(model, delta);
      for (const record of item.changed) delta.changed.push(record);
      for (const id of item.deletedRemoteIds) delta.deletedRemoteIds.add(id);
      continue;
    }
    if (deltas.has(model)) throw new Error(`The source yielded both full pages and changes of ${model}.`);
    const list = snapshot[item.model] as unknown[];
    for (const record of item.records) list.push(record);
  }
  for (const model of unavailable) deltas.delete(model);
  return { snapshot, unavailable, deltas };
}

/**
 * Turns each delta into the model's complete current records: the stored unified records, with the
 * changed ones replaced or added (by remote ID) and the deleted ones left out. Stored records without a
 * unified form cannot be merged: the sync fails and says a complete sync is needed.
 */
export async function mergeDeltas(db: Db, integrationId: string, read: SourceRead): Promise<void> {
  for (const [model, delta] of read.deltas) {
    const { records, missing } = await loadUnifiedRecords(db, integrationId, model);
    if (missing > 0) {
      throw new Error(`The source sent changes of ${model}, and ${missing} stored ${model} records predate the stored unified form: a complete sync is needed first.`);
    }
    const byRemoteId = new Map<string, unknown>();
    for (const record of records) byRemoteId.set((record as { remoteId: string }).remoteId, record);
    for (const record of delta.changed) byRemoteId.set((record as { remoteId: string }).remoteId, record);
    for (const id of delta.deletedRemoteIds) byRemoteId.delete(id);
    (read.snapshot[SNAPSHOT_FIELD[model]] as unknown[]) = [...byRemoteId.values()];
  }
}

/**
 * Puts the stored unified records of the unavailable models into the snapshot, so they stay as synced
 * and records embedding them render as before. Stored records without a unified form (written before
 * it was kept) cannot be carried: the sync fails rather than render their neighbours without them.
 */
export async function carryOverUnavailable(db: Db, integrationId: string, read: SourceRead): Promise<void> {
  for (const model of read.unavailable) {
    const { records, missing } = await loadUnifiedRecords(db, integrationId, model);
    if (missing > 0) {
      throw new Error(`The source could not read ${model}, and ${missing} stored ${model} records predate the stored unified form: a complete sync is needed first.`);
    }
    (read.snapshot[SNAPSHOT_FIELD[model]] as unknown[]) = records;
  }
}

/** Every stored (not deleted) record of the integration as a snapshot, read from the store alone. */
export async function storedSnapshot(db: Db, integrationId: string): Promise<SourceRead> {
  const read: SourceRead = { snapshot: emptySnapshot(), unavailable: new Set(MODEL_KEYS), deltas: new Map() };
  await carryOverUnavailable(db, integrationId, read);
  return read;
}
