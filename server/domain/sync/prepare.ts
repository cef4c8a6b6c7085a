import { setImmediate } from 'node:timers/promises';
import type { HrisSnapshot } from '../../connectors/unified-hris.ts';
import { MODEL_KEYS, type ModelKey, type RecordOf, SNAPSHOT_FIELD } from '../hris/models.ts';
import { derivedId } from '../ids.ts';
import { CHILD_MODELS, declarationOf } from '../catalogue/index.ts';

/** One source record on its way into the store. */
export interface Prepared<M extends ModelKey = ModelKey> {
  model: M;
  /** Kombo ID: derivedId(integration, model, remote ID). */
  id: string;
  remoteId: string;
  rec: RecordOf<M>;
  /** Hash of the record's own unified fields: `changed_at` moves only when it changes. */
  ownHash: string;
  /** JSON of `rec` (as stored in the record's row), when it is known already. */
  json?: string;
  /** Filter attributes stored with the row. */
  attrs: Record<string, unknown>;
  /** The record's `changed_at` (ISO), decided against the stored state during the sync. */
  changedAt: string;
}

/** Lookups across the whole snapshot, for nesting related records into a wire object. */
export interface RecordLookup {
  /** The Kombo ID of a model's remote ID (whether or not the record exists). */
  idOf(model: ModelKey, remoteId: string | null): string | null;
  get<M extends ModelKey>(model: M, remoteId: string | null): Prepared<M> | undefined;
  /** Records of a child model listed under one parent (e.g. an employee's employments, by the employee's remote ID). */
  childrenOf<M extends ModelKey>(model: M, parentRemoteId: string): Prepared<M>[];
}

export type PreparedByModel = { [M in ModelKey]: Prepared<M>[] };


/**
 * A 64-bit content fingerprint (two multiplicative lanes, cyrb53-style): it only decides whether a
 * record changed, never guards anything, and is several times cheaper than a digest per call for the
 * tens of thousands of short strings a sync hashes.
 */
function hash(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(36)}.${(h1 >>> 0).toString(36)}.${value.length.toString(36)}`;
}

/** The own hash of a record and its JSON. */
function ownHashOf(model: ModelKey, rec: object): { ownHash: string; json: string } {
  const json = JSON.stringify(rec);
  // Relation fields feed `updated_after`, not `changed_at`.
  const skip = declarationOf(model).relationFields;
  if (skip.length === 0) return { ownHash: hash(json), json };
  // Undefined values are left out of JSON like deleted keys, without `delete` turning the copy into a slow dictionary object.
  const own: Record<string, unknown> = { ...rec };
  for (const key of skip) own[key] = undefined;
  return { ownHash: hash(JSON.stringify(own)), json };
}

/**
 * The records of one snapshot parsed last (see PreparedRecord), held strongly in a ring: an employee's
 * rendering reads the employee and the records it embeds several times, and is done with them soon
 * after. Objects that only a WeakRef held survived V8's young-generation collections (only a full
 * collection clears WeakRefs), so every parsed record was copied into the old generation; parsed
 * objects that leave the ring die young. 10k Sandbox syncs on PostgreSQL,
 * alternating: the write 3.30-3.35 s against 3.40-3.80 s, faster in 5 of 5 pairs.
 */
class ParsedRing {
  static readonly SIZE = 512;
  readonly owners: (object | undefined)[] = new Array(ParsedRing.SIZE);
  readonly records: unknown[] = new Array(ParsedRing.SIZE);
  next = 0;
}

/**
 * A prepared record that keeps its unified record as JSON text once prepared (`release`): a sync holds
 * every record of a company from preparing to writing, and the text takes a fraction of the objects'
 * memory. `rec` parses the text when read, and the parsed object is shared while it is among the
 * snapshot's records parsed last (ParsedRing).
 */
class PreparedRecord<M extends ModelKey = ModelKey> implements Prepared<M> {
  attrs: Record<string, unknown> = {};
  changedAt = '';
  #held: RecordOf<M> | undefined;
  /** Where in the ring this record was parsed last (-1: never). */
  #slot = -1;

  constructor(
    readonly model: M,
    readonly id: string,
    readonly remoteId: string,
    rec: RecordOf<M>,
    readonly ownHash: string,
    readonly json: string,
    private readonly ring: ParsedRing,
  ) {
    this.#held = rec;
  }

  get rec(): RecordOf<M> {
    if (this.#held) return this.#held;
    const { ring } = this;
    if (this.#slot >= 0 && ring.owners[this.#slot] === this) return ring.records[this.#slot] as RecordOf<M>;
    const rec = JSON.parse(this.json) as RecordOf<M>;
    const slot = ring.next;
    ring.next = (slot + 1) % ParsedRing.SIZE;
    ring.owners[slot] = this;
    ring.records[slot] = rec;
    this.#slot = slot;
    return rec;
  }

  /** From now on the record is held as its JSON only: `rec` is parsed from it, never the object given. */
  release(): void {
    this.#held = undefined;
  }
}

/** The `attrs` stored with a record: its filter attributes and its lookup fields (see ModelDeclaration). */
function storedAttributes(model: ModelKey, p: Prepared, lookup: RecordLookup): Record<string, unknown> {
  const { attributes, lookupFields = [] } = declarationOf(model);
  const attrs = attributes(p, lookup);
  for (const field of lookupFields) attrs[field] = (p.rec as unknown as Record<string, unknown>)[field] ?? null;
  return attrs;
}

/** Derives IDs and own hashes for every record of a snapshot and indexes them for lookups. */
export async function prepareSnapshot(integrationId: string, snapshot: HrisSnapshot): Promise<{ byModel: PreparedByModel; lookup: RecordLookup }> {
  const ids = new Map<string, string>();
  const idOf = (model: ModelKey, remoteId: string | null): string | null => {
    if (remoteId === null) return null;
    const key = `${model}\u0000${remoteId}`;
    let id = ids.get(key);
    if (!id) {
      id = derivedId(integrationId, model, remoteId);
      ids.set(key, id);
    }
    return id;
  };
  const byRemote = new Map<ModelKey, Map<string, Prepared>>();
  const children = new Map<string, Prepared[]>();
  const lookup: RecordLookup = {
    idOf,
    get: <M extends ModelKey>(model: M, remoteId: string | null) =>
      (remoteId === null ? undefined : byRemote.get(model)?.get(remoteId)) as Prepared<M> | undefined,
    childrenOf: <M extends ModelKey>(model: M, parentRemoteId: string) =>
      (children.get(`${model}\u0000${parentRemoteId}`) ?? []) as Prepared<M>[],
  };

  const byModel = {} as Record<ModelKey, PreparedRecord[]>;
  const ring = new ParsedRing();
  for (const model of MODEL_KEYS) {
    const index = new Map<string, PreparedRecord>();
    byRemote.set(model, index);
    const list: PreparedRecord[] = [];
    for (const rec of snapshot[SNAPSHOT_FIELD[model]] as RecordOf<ModelKey>[]) {
      // Yield now and then: a large company takes a while and requests should not wait for all of it.
      if (list.length % 2000 === 1999) await setImmediate();
      if (index.has(rec.remoteId)) continue;
      const { ownHash, json } = ownHashOf(model, rec);
      const prepared = new PreparedRecord(model, idOf(model, rec.remoteId)!, rec.remoteId, rec, ownHash, json, ring);
      index.set(rec.remoteId, prepared);
      list.push(prepared);
      const parentRef = CHILD_MODELS.get(model) as ((child: RecordOf<ModelKey>) => string) | undefined;
      if (parentRef) {
        const key = `${model}\u0000${parentRef(rec)}`;
        const siblings = children.get(key);
        if (siblings) siblings.push(prepared);
        else children.set(key, [prepared]);
      }
    }
    byModel[model] = list;
  }
  for (const model of MODEL_KEYS) for (const p of byModel[model]) p.attrs = storedAttributes(model, p, lookup);
  for (const model of MODEL_KEYS) for (const p of byModel[model]) p.release();
  return { byModel: byModel as unknown as PreparedByModel, lookup };
}

export { hash as contentHash };
