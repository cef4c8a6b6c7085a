import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { AUDIT_EXPORT_LIMIT, searchAudit } from '../../../domain/audit-search.ts';
import { toAuditCsv } from '../../mappers/request-log.mapper.ts';
import { parseAuditQuery } from '../../parsers/logs.ts';
import { ok, okCsv } from '../../respond.ts';
import { toApiAuditEntry } from './console.mappers.ts';
import { allow, consoleSessionOf } from './console-session.ts';

/** The tenant's audit trail (Admin): filtered, newest first, keyset-paged; `?format=csv` downloads every match as CSV. */
export function auditRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/audit', allow('audit.read'), async (req, res) => {
    const tenantId = consoleSessionOf(req).user.tenantId;
    const { filter, limit, format } = parseAuditQuery(req.query);
    if (format === 'csv') {
      // The export holds every matching entry (up to the limit), not one page.
      const page = await searchAudit(deps.db, tenantId, { ...filter, beforeSeq: undefined }, AUDIT_EXPORT_LIMIT);
      return okCsv(res, 'audit-log.csv', toAuditCsv(page.results));
    }
    const page = await searchAudit(deps.db, tenantId, filter, limit);
    ok(res, { results: page.results.map(toApiAuditEntry), next_cursor: page.nextCursor });
  });
  return router;
}
