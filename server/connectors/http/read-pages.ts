import type { ReadContext as PagedReadContext, SourceItem } from '../data-source.ts';
import { RemoteError } from '../remote-error.ts';
import type { HrisReadModelId, HrisSnapshot } from '../unified-hris.ts';
import type { BadRecordSink } from './records.ts';
import { runtimeOf } from './runtime.ts';

/** What a tool's page generators receive: the source context plus where bad records are reported. */
export interface ReadContext extends PagedReadContext {
  onBadRecord: BadRecordSink;
}

type Item<K extends keyof HrisSnapshot> = HrisSnapshot[K][number];

/** The changes of one model since the last sync (a DELTA read): records to create or replace, remote IDs deleted. */
export interface ModelChanges<T> {
  changed: T[];
  deletedRemoteIds: string[];
}

/**
 * One model to read: the snapshot field, the read-model ID (for 403s) and either its page generator
 * (`read`, a full read) or its change reader (`changes`, an incremental read).
 */
export interface ModelReader<K extends keyof HrisSnapshot = keyof HrisSnapshot> {
  field: K;
  model: HrisReadModelId;
  read?: () => AsyncIterable<Item<K>[]>;
  changes?: () => Promise<ModelChanges<Item<K>>>;
}

/** A reader for a snapshot field (keeps the field and the item type of the generator tied together). */
export const reader = <K extends keyof HrisSnapshot>(field: K, model: HrisReadModelId, read: () => AsyncIterable<Item<K>[]>): ModelReader =>
  ({ field, model, read }) as unknown as ModelReader;

/** A reader of only what changed in a model since the last sync (yielded as one ModelDelta). */
export const changesReader = <K extends keyof HrisSnapshot>(field: K, model: HrisReadModelId, changes: () => Promise<ModelChanges<Item<K>>>): ModelReader =>
  ({ field, model, changes }) as unknown as ModelReader;

/**
 * The paged source API (`PagedSource.read`) over per-model page generators, one model after another: each
 * page is yielded as it arrives, so memory follows the page size; a change reader's result is yielded
 * as one ModelDelta. A model the tool withholds
 * (permission_missing) is yielded as unavailable and its stored records carry over; every other failure
 * fails the read.
 */
export async function* readPages(tool: string, ctx: PagedReadContext, readers: (rc: ReadContext) => ModelReader[]): AsyncIterable<SourceItem> {
  const log = runtimeOf(ctx).options.logger;
  const rc: ReadContext = {
    ...ctx,
    onBadRecord: ({ model, reason }) => log?.warn({ tool, integrationId: ctx.integrationId, model, reason }, 'tool record skipped'),
  };
  for (const r of readers(rc)) {
    try {
      if (r.changes) {
        const { changed, deletedRemoteIds } = await r.changes();
        yield { model: r.field, changed, deletedRemoteIds } as SourceItem;
      } else if (r.read) {
        for await (const page of r.read()) yield { model: r.field, records: page } as SourceItem;
      }
    } catch (err) {
      if (!(err instanceof RemoteError && err.kind === 'permission_missing')) throw err;
      log?.warn({ tool, integrationId: ctx.integrationId, model: r.model }, 'model unavailable: the tool withholds permission');
      yield { model: r.field, unavailable: err };
    }
  }
}
