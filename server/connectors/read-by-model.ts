import type { HrisModel, ReadContext, SourceItem } from './data-source.ts';
import { RemoteError } from './remote-error.ts';
import type { HrisSnapshot } from './unified-hris.ts';

/** One async page generator per model: each yields arrays of that model's unified records. */
export type ModelReaders = { [K in HrisModel]?: (ctx: ReadContext) => AsyncIterable<HrisSnapshot[K]> };

/**
 * Builds a PagedSource's `read` from per-model page generators, run one model after the other. A
 * model whose generator throws RemoteError `permission_missing` is reported unavailable and the read
 * goes on with the next model; any other error fails the read. Cancellation is checked between pages.
 * Models outside `ctx.models` (turned off by the scope configuration) are not read at all.
 */
export function readByModel(readers: ModelReaders): (ctx: ReadContext) => AsyncIterable<SourceItem> {
  return async function* read(ctx) {
    for (const model of Object.keys(readers) as HrisModel[]) {
      const reader = readers[model] as ((ctx: ReadContext) => AsyncIterable<HrisSnapshot[HrisModel]>) | undefined;
      if (!reader) continue;
      if (ctx.models && !ctx.models.has(model)) continue;
      try {
        for await (const records of reader(ctx)) {
          ctx.signal.throwIfAborted();
          yield { model, records } as SourceItem;
        }
      } catch (err) {
        if (err instanceof RemoteError && err.kind === 'permission_missing') yield { model, unavailable: err };
        else throw err;
      }
    }
  };
}

/** Pages of an in-memory list (for simulated sources and tests). */
export function* pagesOf<T>(records: readonly T[], pageSize: number): Generator<T[]> {
  for (let i = 0; i < records.length; i += pageSize) yield records.slice(i, i + pageSize);
}
