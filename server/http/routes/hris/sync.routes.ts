import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../../deps.ts';
import { forceSync } from '../../../domain/sync/force-sync.ts';
import { getSyncStatus } from '../../../domain/sync/sync-status.ts';
import { toApiSyncStatus } from '../../mappers/hris/sync-status.mapper.ts';
import { requireIntegration } from '../../middleware/integration.ts';
import { parseInput } from '../../parsers/zod-input.ts';
import { integrationOf } from '../../request-context.ts';
import { ok } from '../../respond.ts';
import { passthroughHandler } from './passthrough.ts';

const forceSyncBody = z.object({ type: z.enum(['FULL', 'DELTA']).optional() }).optional();

/**
 * `POST /force-sync`, `GET /force-sync/{sync_id}` (a Plugboard extension: Kombo has no endpoint for a
 * sync's state) and `POST /passthrough/{tool}/{api}`; general error schema, X-Integration-Id.
 */
export function syncRoutes(deps: AppDeps): Router {
  const router = Router();
  const integration = requireIntegration(deps, { errors: 'general' });

  router.post('/force-sync', integration, async (req, res) => {
    const body = parseInput(forceSyncBody, req.body);
    const result = await forceSync(deps, integrationOf(req), body?.type ?? 'FULL');
    // A worker (this process's or another's) runs it: the answer only says the sync is queued.
    ok(res, { already_queued: result.alreadyQueued, sync_id: result.syncId, type: result.type });
  });

  router.get('/force-sync/:syncId', integration, async (req, res) => {
    const status = await getSyncStatus(deps, integrationOf(req).id, String(req.params.syncId));
    ok(res, toApiSyncStatus(status));
  });

  router.post('/passthrough/:tool/:api', integration, passthroughHandler(deps));
  return router;
}
