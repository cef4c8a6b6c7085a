import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { listAudit } from '../../../domain/audit.ts';
import { ok } from '../../respond.ts';
import { toApiAuditEntry } from './console.mappers.ts';
import { allow, consoleSessionOf } from './console-session.ts';

/** The tenant's audit trail, newest last (the last 200 entries). */
export function auditRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/audit', allow('audit.read'), async (req, res) => {
    const entries = await listAudit(deps.db, consoleSessionOf(req).user.tenantId, 200);
    ok(res, { results: entries.map(toApiAuditEntry) });
  });
  return router;
}
