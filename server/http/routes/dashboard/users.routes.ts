import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { consoleLink } from '../../../domain/console/tokens.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { changeRole, deactivateUser, inviteUser, issuePasswordReset, listUsers } from '../../../domain/console/users.ts';
import { ok } from '../../respond.ts';
import { parseInviteBody, parseRoleBody } from './console.parsers.ts';
import { toApiConsoleUser } from './console.mappers.ts';
import { allow, consoleSessionOf } from './console-session.ts';

/** Admins manage the team: invite, change roles, deactivate, issue password-reset links. */
export function usersRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/users', allow('users.read'), async (req, res) => {
    const users = await listUsers(deps.db, consoleSessionOf(req).user.tenantId);
    ok(res, { results: users.map(toApiConsoleUser) });
  });

  router.post('/users', allow('users.write'), async (req, res) => {
    const { user: me } = consoleSessionOf(req);
    const { user, token } = await inviteUser(deps, userActor(me), { tenantId: me.tenantId, ...parseInviteBody(req.body) });
    ok(res, { user: toApiConsoleUser(user), invitation_link: consoleLink(deps.config.publicUrl, 'invitation', token) });
  });

  router.patch('/users/:id', allow('users.write'), async (req, res) => {
    const { user: me } = consoleSessionOf(req);
    const user = await changeRole(deps, userActor(me), me.tenantId, req.params.id as string, parseRoleBody(req.body).role);
    ok(res, { user: toApiConsoleUser(user) });
  });

  router.post('/users/:id/deactivate', allow('users.write'), async (req, res) => {
    const { user: me } = consoleSessionOf(req);
    const user = await deactivateUser(deps, userActor(me), me.tenantId, req.params.id as string);
    ok(res, { user: toApiConsoleUser(user) });
  });

  router.post('/users/:id/password-reset', allow('users.write'), async (req, res) => {
    const { user: me } = consoleSessionOf(req);
    const { user, token } = await issuePasswordReset(deps, userActor(me), me.tenantId, req.params.id as string);
    ok(res, { user: toApiConsoleUser(user), password_reset_link: consoleLink(deps.config.publicUrl, 'password_reset', token) });
  });

  return router;
}
