import type { SourceContext } from '../data-source.ts';
import { RemoteError } from '../remote-error.ts';
import type { HrisReadModelId, HrisSnapshot } from '../unified-hris.ts';
import { type BadRecordSink, type ConnectorSnapshot, emptySnapshot } from './records.ts';
import { connectorRuntime } from './runtime.ts';

/** What a tool's page generators receive: the source context plus where bad records are reported. */
export interface ReadContext extends SourceContext {
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
 * Builds the whole-snapshot answer of today's `DataSource.readHris` from per-model page generators, one
 * model after another. A model the tool withholds (permission_missing) is left empty and listed in
 * `unavailableModels`; every other failure fails the read.
 */
export async function collectSnapshot(tool: string, ctx: SourceContext, readers: (rc: ReadContext) => ModelReader[]): Promise<ConnectorSnapshot> {
  const log = connectorRuntime().options.logger;
  const snapshot = emptySnapshot();
  const rc: ReadContext = {
    ...ctx,
    onBadRecord: ({ model, reason }) => log?.warn({ tool, integrationId: ctx.integrationId, model, reason }, 'tool record skipped'),
  };
  for (const r of readers(rc)) {
    const items: unknown[] = [];
    try {
      for await (const page of r.read()) items.push(...page);
    } catch (err) {
      if (!(err instanceof RemoteError && err.kind === 'permission_missing')) throw err;
      log?.warn({ tool, integrationId: ctx.integrationId, model: r.model }, 'model unavailable: the tool withholds permission');
      snapshot.unavailableModels.push(r.model);
      continue;
    }
    (snapshot[r.field] as unknown[]) = items;
  }
  return snapshot;
}
