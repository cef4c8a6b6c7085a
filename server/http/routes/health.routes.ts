import { Router } from 'express';
import type { Db } from '../../store/db.ts';
import { pingStore } from '../../store/ping.ts';

/**
 * `GET /healthz`: readiness, touching the store (200 `{status:"ok",store:"ok"}`, or 503 with
 * `store:"unreachable"` within two seconds). `GET /livez`: liveness, answered without any I/O.
 */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const store = await pingStore(db);
    res.status(store === 'ok' ? 200 : 503).json({ status: store === 'ok' ? 'ok' : 'error', store });
  });
  router.get('/livez', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  return router;
}
