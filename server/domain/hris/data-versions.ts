import type { Db } from '../../store/db.ts';
import { readDataVersion } from '../../store/queries/hris-records.ts';

/** Data versions this process has seen, per store handle (a store is one Db object per process). */
const known = new WeakMap<Db, Map<string, number>>();

/** Records a version the sync just committed. */
export function noteDataVersion(db: Db, integrationId: string, version: number): void {
  let versions = known.get(db);
  if (!versions) {
    versions = new Map();
    known.set(db, versions);
  }
  versions.set(integrationId, version);
}

/**
 * The integration's data version (bumped by every committed sync). `soleWriter` (the embedded store,
 * whose data directory one process owns) trusts what this process saw and reads the store only once;
 * otherwise (PostgreSQL, several instances) every call reads the store.
 */
export async function currentDataVersion(db: Db, integrationId: string, soleWriter: boolean): Promise<number> {
  const local = soleWriter ? known.get(db)?.get(integrationId) : undefined;
  if (local !== undefined) return local;
  const version = await readDataVersion(db, integrationId);
  if (soleWriter) noteDataVersion(db, integrationId, version);
  return version;
}
