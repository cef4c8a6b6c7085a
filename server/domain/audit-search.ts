import type { Db } from '../store/db.ts';
import { type AuditFilter, searchAuditRows } from '../store/queries/audit-search.ts';
import { type AuditRecord, toAuditRecord } from './audit.ts';

export type { AuditFilter };

/** Entries per audit page. @default 50 */
export const AUDIT_PAGE_SIZE = 50;

/** The most entries one CSV export holds (newest first); narrow the filters for older ones. @default 10000 */
export const AUDIT_EXPORT_LIMIT = 10_000;

/** One page of audit entries, newest first, and the cursor of the next (older) page. */
export interface AuditPage {
  results: AuditRecord[];
  nextCursor: string | null;
}

/** A tenant's audit trail matching `filter`, newest first, keyset-paged. */
export async function searchAudit(db: Db, tenantId: string, filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const rows = await searchAuditRows(db, tenantId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return {
    results: page.map(toAuditRecord),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
