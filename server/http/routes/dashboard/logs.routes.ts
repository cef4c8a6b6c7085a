import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { getLogRetention, setLogRetention } from '../../../domain/request-logs/log-retention.ts';
import { getRequestLog, listRequestLogs } from '../../../domain/request-logs/request-logs.ts';
import { toApiRequestLog } from '../../mappers/request-log.mapper.ts';
import { parseLogQuery, parseRetentionBody } from '../../parsers/logs.ts';
import { ok } from '../../respond.ts';
import { allow, consoleActorOf } from './console-session.ts';
import { environmentRefOf } from './environment-ref.ts';

const toApiRetention = (r: { days: number; isDefault: boolean }) => ({ days: r.days, is_default: r.isDefault });

/** The request log of an environment (every role in its environments) and its retention (configurers). */
export function logsRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment';

  router.get(`${base}/logs`, allow('logs.read'), async (req, res) => {
    const { filter, limit } = parseLogQuery(req.query);
    const page = await listRequestLogs(deps.db, (await environmentRefOf(deps.db, req)).environmentId, filter, limit);
    ok(res, { results: page.results.map(toApiRequestLog), next_cursor: page.nextCursor });
  });

  router.get(`${base}/logs/:requestId`, allow('logs.read'), async (req, res) => {
    const entry = await getRequestLog(deps.db, (await environmentRefOf(deps.db, req)).environmentId, req.params.requestId as string);
    ok(res, toApiRequestLog(entry));
  });

  router.get(`${base}/log-retention`, allow('logs.read'), async (req, res) => {
    ok(res, toApiRetention(await getLogRetention(deps.db, await environmentRefOf(deps.db, req))));
  });

  router.put(`${base}/log-retention`, allow('logs.write'), async (req, res) => {
    const { days } = parseRetentionBody(req.body);
    const env = await environmentRefOf(deps.db, req);
    ok(res, toApiRetention(await setLogRetention(deps, consoleActorOf(req), env, days)));
  });

  return router;
}
