import type { ReadContext as PagedReadContext, SourceItem } from '../data-source.ts';
import { RemoteError } from '../remote-error.ts';
import type { HrisReadModelId, HrisSnapshot } from '../unified-hris.ts';
import type { BadRecordSink } from './records.ts';
import { connectorRuntime } from './runtime.ts';

/** What a tool's page generators receive: the source context plus where bad records are reported. */
export interface ReadContext extends PagedReadContext {
  onBadRecord: BadRecordSink;
}

type Item<K extends keyof HrisSnapshot> = HrisSnapshot[K][number];

/** One model to read: the snapshot field, the read-model ID (for 403s) and its page generator. */
export interface ModelReader<K extends keyof HrisSnapshot = keyof HrisSnapshot> {
  field: K;
  model: HrisReadModelId;
  read: () => AsyncIterable<Item<K>[]>;
}

/** A reader for a snapshot field (keeps the field and the item type of the generator tied together). */
export const reader = <K extends keyof HrisSnapshot>(field: K, model: HrisReadModelId, read: () => AsyncIterable<Item<K>[]>): ModelReader =>
  ({ field, model, read }) as unknown as ModelReader;

/**
 * The paged source API (`PagedSource.read`) over per-model page generators, one model after another: each
 * page is yielded as it arrives, so memory follows the page size. A model the tool withholds
 * (permission_missing) is yielded as unavailable and its stored records carry over; every other failure
 * fails the read.
 */
export async function* readPages(tool: string, ctx: PagedReadContext, readers: (rc: ReadContext) => ModelReader[]): AsyncIterable<SourceItem> {
  const log = connectorRuntime().options.logger;
  const rc: ReadContext = {
    ...ctx,
    onBadRecord: ({ model, reason }) => log?.warn({ tool, integrationId: ctx.integrationId, model, reason }, 'tool record skipped'),
  };
  for (const r of readers(rc)) {
    try {
      for await (const page of r.read()) yield { model: r.field, records: page } as SourceItem;
    } catch (err) {
      if (!(err instanceof RemoteError && err.kind === 'permission_missing')) throw err;
      log?.warn({ tool, integrationId: ctx.integrationId, model: r.model }, 'model unavailable: the tool withholds permission');
      yield { model: r.field, unavailable: err };
    }
  }
}
