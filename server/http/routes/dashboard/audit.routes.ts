import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { AUDIT_EXPORT_LIMIT, searchAudit } from '../../../domain/audit-search.ts';
import { toAuditCsv } from '../../mappers/request-log.mapper.ts';
import { parseAuditQuery } from '../../parsers/logs.ts';
import { ok, okCsv } from '../../respond.ts';
import { toApiAuditEntry } from './console.mappers.ts';
import { allow, consoleSessionOf } from './console-session.ts';

/** The tenant's audit trail (Admin): filtered, newest first, keyset-paged; and the same as a CSV download. */
export function auditRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/audit', allow('audit.read'), async (req, res) => {
    const page = await searchAudit(deps.db, consoleSessionOf(req).user.tenantId, parseAuditQuery(req.query));
    ok(res, { results: page.results.map(toApiAuditEntry), next_cursor: page.nextCursor });
  });
  router.get('/audit.csv', allow('audit.read'), async (req, res) => {
    const filter = { ...parseAuditQuery(req.query), beforeSeq: undefined };
    const page = await searchAudit(deps.db, consoleSessionOf(req).user.tenantId, filter, AUDIT_EXPORT_LIMIT);
    okCsv(res, 'audit-log.csv', toAuditCsv(page.results));
  });
  return router;
}
