import type { Request } from 'express';
import type { Db } from '../../../store/db.ts';
import { getEnvironment } from '../../../domain/tenants.ts';
import type { EnvironmentRef } from '../../../domain/tools.ts';
import { consoleSessionOf, environmentParam } from './console-session.ts';

/** The signed-in user's tenant environment named by the route's `:environment` (guarded by `allow()`). */
export async function environmentRefOf(db: Db, req: Request): Promise<EnvironmentRef> {
  const tenantId = consoleSessionOf(req).user.tenantId;
  const env = await getEnvironment(db, tenantId, environmentParam(req));
  return { tenantId, environmentId: env.id, environment: env.kind };
}
