import { Router } from 'express';
import { principalOf } from '../request-context.ts';
import { ok } from '../respond.ts';

/** `GET /v1/check-api-key`: which environment and customer (tenant) the key belongs to. */
export function platformRoutes(): Router {
  const router = Router();
  router.get('/check-api-key', (req, res) => {
    const principal = principalOf(req);
    ok(res, { environment_id: principal.environmentId, customer_id: principal.tenantId });
  });
  return router;
}
