import { setImmediate } from 'node:timers/promises';
import type { Db } from '../../store/db.ts';
import {
  type RecordWrite,
  loadRecordStates,
  readDataVersion,
  stageRecords,
  updateRecords,
} from '../../store/queries/hris-records.ts';
import { loadRecordStatesFor } from '../../store/queries/hris-record-subset.ts';
import { copyRecords } from '../../store/queries/copy-records.ts';
import { CHILDREN_OF, WITHOUT_TIMESTAMPS } from '../catalogue/index.ts';
import { MODEL_KEYS, type ModelKey } from '../hris/models.ts';
import type { HrisWireMappers } from '../hris/wire-mappers.ts';
import type { IncrementalScope } from './incremental.ts';
import { embeddedKey, nestedKey } from './nested.ts';
import { type Prepared, type PreparedByModel, type RecordLookup, contentHash } from './prepare.ts';

/** Bump when the wire mappers change, so every stored record is rendered again on the next sync. */
export const RENDER_VERSION = 1;

/** Per model: records created, updated (own or nested change, or re-rendered), deleted, left as they were. */
export type SyncCounts = Record<string, { created: number; updated: number; deleted: number; unchanged: number }>;

/** What a plan decided besides its writes, against one data version of the stored records. */
export interface PlanSummary {
  /** The data version the plan was computed against; writing it is only valid while it is current. */
  version: number;
  gone: { model: string; seq: number }[];
  counts: SyncCounts;
  at: Date;
}

/** A part of a plan's writes, handed on while the rest is still being planned. */
export interface PlannedWrites {
  inserts: RecordWrite[];
  updates: RecordWrite[];
}

/** Receives a plan's writes part by part (see streamPlan). */
export type PlanSink = (writes: PlannedWrites) => Promise<void>;

/**
 * Records planned between two hand-overs to the sink (with breaks for other work every BREAK_EVERY records).
 * Against 2,000: the embedded store's peak RSS during a 10k sync under API load 592 / 593 MB against
 * 600-633 MB, and the write no slower in-process (PostgreSQL 5.7 / 5.8 s against 6.1 / 6.8 s, PGlite 9.5
 * against 10.6 s).
 */
const PLAN_BATCH = 1000;

/**
 * Records rendered between two breaks inside a part, besides the break at each hand-over: the store's
 * client gets a turn to pack and issue its next statement (and to take the last one's answer) while the
 * part is still being rendered, instead of only once per part. In-process 10k Sandbox syncs, alternating
 * with and without: write 4.9-7.1 s against 5.6-7.6 s on PostgreSQL (better in 8 of 9 pairs), and
 * 9.4 / 12.0 s against 11.4 / 13.8 s on the embedded store in its own thread. Breaks every 50 or 100
 * records measured no better than 200.
 */
const BREAK_EVERY = 200;

/** Lets other work (HTTP requests) run between chunks of a long computation on the one event loop. */
const breathe = () => setImmediate();

/** How a plan is made (see streamPlan). */
export interface PlanOptions {
  /** Models the source could not read this time: their stored records are never marked deleted. */
  keepModels?: ReadonlySet<ModelKey>;
  /** Render every record again, also when nothing it shows changed (the wire mapping did). @default false */
  rerenderAll?: boolean;
  /**
   * Plan only `scope.planned` (an incremental read: the other prepared records are unchanged context)
   * and delete only `scope.deleted`; records left out are counted unchanged.
   */
  scope?: IncrementalScope;
}

/**
 * The order a full plan renders a snapshot in: the snapshot's, except that each record's children (an
 * employee's employments and time-off balances, see CHILDREN_OF) come right after it. Its rendering has
 * just parsed them (they are embedded in its wire JSON), so theirs finds them among the records parsed
 * last instead of parsing them again; and on the store their rows follow the parent's.
 */
export function* renderOrder(all: readonly Prepared[], lookup: RecordLookup): Generator<Prepared> {
  const rendered = new Set<Prepared>();
  for (const p of all) {
    if (rendered.has(p)) continue;
    rendered.add(p);
    yield p;
    for (const model of CHILDREN_OF.get(p.model) ?? []) {
      for (const child of lookup.childrenOf(model, p.remoteId)) {
        // Only when the catalogue lists a parent model after its children has one been rendered already.
        if (rendered.has(child)) continue;
        rendered.add(child);
        yield child;
      }
    }
  }
}

/**
 * Decides what a prepared snapshot changes in the stored state, against the data version read from
 * `db` (it only reads, so it may run outside the sync's transaction):
 * - `changed_at` moves only when the record's own fields changed (or it reappeared after a deletion);
 * - `updated_at` also moves when the nested data `updated_after` watches changed;
 * - the wire JSON is rendered here (only when the record or anything it embeds changed), so reads never map rows;
 * - stored records missing from the snapshot get `remote_deleted_at` (in the summary's `gone`).
 * The writes go to `sink` every PLAN_BATCH records, one part at a time and in order: the store writes a
 * part while the next one is rendered, and a sync never holds all of its rendered records at once.
 */
export async function streamPlan(
  db: Db,
  integrationId: string,
  byModel: PreparedByModel,
  lookup: RecordLookup,
  mappers: HrisWireMappers,
  now: Date,
  options: PlanOptions,
  sink: PlanSink,
): Promise<PlanSummary> {
  const keepModels = options.keepModels ?? new Set<ModelKey>();
  const { scope } = options;
  const version = await readDataVersion(db, integrationId);
  const all = MODEL_KEYS.flatMap((model) => byModel[model] as Prepared[]);
  const { states, maxSeq, live } = scope
    ? await loadRecordStatesFor(db, integrationId, [...all.map((p) => ({ model: p.model, id: p.id })), ...scope.deleted]
      .map((k) => ({ ...k, seq: scope.seqs.get(`${k.model}\u0000${k.id}`) })))
    : { ...(await loadRecordStates(db, integrationId)), live: null };
  const nowIso = now.toISOString();
  const counts: SyncCounts = {};

  // Decide every changed_at first: wire objects embed the changed_at of their nested records. New records
  // that are planned take their seq here, in the snapshot's order, whatever the order they are rendered in
  // (`scope.planned` holds them in that order too).
  const ownChanges = new Set<Prepared>();
  const newSeqs = new Map<Prepared, number>();
  for (const p of all) {
    const state = states.get(`${p.model}\u0000${p.id}`);
    const changed = !state || state.deleted || state.ownHash !== p.ownHash;
    if (changed) ownChanges.add(p);
    p.changedAt = changed ? nowIso : new Date(state.changedAt).toISOString();
    if (!state && (!scope || scope.planned.has(p))) {
      const seq = (maxSeq.get(p.model) ?? 0) + 1;
      maxSeq.set(p.model, seq);
      newSeqs.set(p, seq);
    }
  }

  let pending: PlannedWrites = { inserts: [], updates: [] };
  let writing: Promise<void> = Promise.resolve();
  // Hands the pending writes on once the part before them is written, then lets the statement reach the
  // store (and other work run) before rendering goes on.
  const handOn = async () => {
    await writing;
    if (pending.inserts.length + pending.updates.length > 0) {
      writing = sink(pending);
      // Keep a failed write's rejection handled while the next part is rendered; it is awaited below.
      writing.catch(() => undefined);
      pending = { inserts: [], updates: [] };
    }
    await breathe();
  };
  const updatedLive = new Map<string, number>();
  for (const model of MODEL_KEYS) counts[model] = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
  let done = 0;
  for (const p of scope ? [...scope.planned] : renderOrder(all, lookup)) {
    if (++done % PLAN_BATCH === 0) await handOn();
    else if (done % BREAK_EVERY === 0) await breathe();
    const state = states.get(`${p.model}\u0000${p.id}`);
    if (state) state.seen = true;
    const count = counts[p.model]!;
    const nested = nestedKey(p, lookup);
    const nestedHash = nested === '' ? '' : contentHash(nested);
    const renderHash = contentHash(`${RENDER_VERSION}|${p.ownHash}|${embeddedKey(p, lookup)}`);
    const ownChanged = ownChanges.has(p);
    if (state && !ownChanged && state.nestedHash === nestedHash && state.bodyHash === renderHash && !options.rerenderAll) {
      count.unchanged++;
      continue;
    }
    const map = mappers[p.model] as (record: Prepared, lookup: RecordLookup) => Record<string, unknown>;
    const text = JSON.stringify(map(p, lookup));
    const body = WITHOUT_TIMESTAMPS.has(p.model) ? text : text.slice(0, -1);
    const updatedAt = ownChanged || !state || state.nestedHash !== nestedHash ? nowIso : new Date(state.updatedAt).toISOString();
    const seq = state ? state.seq : newSeqs.get(p)!;
    const write: RecordWrite = { model: p.model, seq, id: p.id, remoteId: p.remoteId, ownHash: p.ownHash, nestedHash, bodyHash: renderHash,
      changedAt: p.changedAt, updatedAt, attrs: JSON.stringify(p.attrs), body, record: p.json ?? JSON.stringify(p.rec) };
    if (state) {
      pending.updates.push(write);
      count.updated++;
      if (!state.deleted) updatedLive.set(p.model, (updatedLive.get(p.model) ?? 0) + 1);
    } else {
      pending.inserts.push(write);
      count.created++;
    }
  }
  await handOn();
  await writing;

  const gone: { model: string; seq: number }[] = [];
  if (scope) {
    for (const { model, id } of scope.deleted) {
      const state = states.get(`${model}\u0000${id}`);
      if (!state || state.deleted || keepModels.has(model)) continue;
      gone.push({ model, seq: state.seq });
      counts[model]!.deleted++;
    }
    // Records outside the scope stayed as they were: every live record not updated or deleted is unchanged.
    for (const model of MODEL_KEYS) {
      const count = counts[model]!;
      count.unchanged = (live?.get(model) ?? 0) - (updatedLive.get(model) ?? 0) - count.deleted;
    }
    return { version, gone, counts, at: now };
  }
  for (const [key, state] of states) {
    if (state.seen || state.deleted) continue;
    const model = key.slice(0, key.indexOf('\u0000')) as ModelKey;
    if (keepModels.has(model)) continue;
    gone.push({ model, seq: state.seq });
    if (counts[model]) counts[model].deleted++;
  }

  return { version, gone, counts, at: now };
}

/** Stages planned writes outside any transaction (see stageRecords), for commitStaged to copy into place. */
export async function stageWrites(db: Db, integrationId: string, stageId: string, writes: PlannedWrites): Promise<void> {
  await stageRecords(db, integrationId, stageId, 'insert', writes.inserts);
  await stageRecords(db, integrationId, stageId, 'update', writes.updates);
}

/** Writes planned writes: new records with COPY (copyRecords), changed ones in place. */
export async function writePlanned(trx: Db, integrationId: string, writes: PlannedWrites): Promise<void> {
  await copyRecords(trx, integrationId, writes.inserts);
  await updateRecords(trx, integrationId, writes.updates);
}
