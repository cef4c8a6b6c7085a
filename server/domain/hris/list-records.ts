import { readRecordPage } from '../../store/queries/hris-pages.ts';
import type { Db } from '../../store/db.ts';
import { type ListQuery, encodeCursor } from './list-query.ts';
import { WITHOUT_TIMESTAMPS } from '../catalogue/index.ts';

/** A page as JSON text: `results` is the comma-joined wire objects (rendered at sync time). */
export interface RecordPage {
  next: string | null;
  resultsJson: string;
}

/**
 * One page of a model's records for an integration in stable keyset order (`seq`): a single indexed
 * query, so the last page of 10,000 costs what the first does, and records created while a client
 * pages appear after its cursor instead of shifting pages.
 * Nothing is served at data version 0 (no snapshot committed yet): a first sync on the embedded store
 * writes its rows in place before it commits the version (see commitSnapshot).
 */
export async function listRecords(db: Db, integrationId: string, query: ListQuery, dataVersion: number): Promise<RecordPage> {
  if (dataVersion === 0) return { next: null, resultsJson: '' };
  const page = await readRecordPage(db, integrationId, query, !WITHOUT_TIMESTAMPS.has(query.model));
  return {
    next: page.hasMore && page.lastSeq !== null ? encodeCursor(query.model, page.lastSeq) : null,
    resultsJson: page.results,
  };
}

