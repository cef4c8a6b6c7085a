import type { HrisReadModelId, RemoteData } from '../unified-hris.ts';

/** A unified record that keeps the tool's raw object, served as Kombo's `remote_data`. */
export type WithRemoteData<T> = T & { remoteData: RemoteData };

/**
 * Kombo's `remote_data` for a raw object read from `path`: the endpoint's path on the tool's API, without
 * origin or query, with a per-record segment written `{id}`, so that every record of a model carries the
 * same key. Callers pass a constant, never a request URL, so no query value can reach the key; the raw
 * object is a data endpoint's answer, never a token endpoint's.
 */
export const remoteDataOf = (path: string, raw: unknown): RemoteData => ({ [path]: raw });

/** A record the tool sent that cannot be mapped: that record fails, the sync goes on. */
export class BadRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRecordError';
  }
}

/** Where a skipped record is reported: the reason only, never the record's contents. */
export type BadRecordSink = (event: { model: HrisReadModelId; reason: string }) => void;

/** Maps each raw record, skipping (and reporting) the ones `map` rejects. */
export function mapEach<R, T>(model: HrisReadModelId, raws: readonly R[], map: (raw: R) => T, onBad: BadRecordSink): T[] {
  const out: T[] = [];
  for (const raw of raws) {
    try {
      out.push(map(raw));
    } catch (err) {
      if (!(err instanceof BadRecordError)) throw err;
      onBad({ model, reason: err.message });
    }
  }
  return out;
}

/** The object a mapping reads, or BadRecordError when the tool sent something else. */
export function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BadRecordError(`${what} is not an object.`);
  return value as Record<string, unknown>;
}

