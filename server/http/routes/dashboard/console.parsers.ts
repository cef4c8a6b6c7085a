import { z } from 'zod';
import { CONSOLE_ROLES, type ConsoleRole } from '../../../domain/console/policy.ts';
import { inputInvalid } from '../../../domain/errors.ts';
import { parseInput } from '../../parsers/zod-input.ts';

const role = z.enum(CONSOLE_ROLES as [ConsoleRole, ...ConsoleRole[]]);
const email = z.email().max(320);

/** `POST /dashboard/api/sign-in`. `tenant` (slug or ID) defaults to the default tenant. */
export const parseSignInBody = (body: unknown) =>
  parseInput(z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024), tenant: z.string().min(1).max(200).optional() }), body);

/** `POST /dashboard/api/set-password`: the token of an invitation or reset link, the new password (and the first admin's chosen email). */
export const parseSetPasswordBody = (body: unknown) => parseInput(z.object({ token: z.string().min(1).max(200), password: z.string().max(1024), email: email.optional() }), body);

/** `POST /dashboard/api/users`. */
export const parseInviteBody = (body: unknown) => parseInput(z.object({ email, role }), body);

/** `PATCH /dashboard/api/users/:id`. */
export const parseRoleBody = (body: unknown) => parseInput(z.object({ role }), body);

/** `POST /dashboard/api/mfa/challenge`: a TOTP code or a recovery code. */
export function parseChallengeBody(body: unknown): { code: string } | { recoveryCode: string } {
  const b = parseInput(z.object({ code: z.string().min(1).max(20).optional(), recovery_code: z.string().min(1).max(40).optional() }), body);
  if (b.code !== undefined) return { code: b.code.replace(/\s/g, '') };
  if (b.recovery_code !== undefined) return { recoveryCode: b.recovery_code };
  throw inputInvalid('Invalid request body: send code (from your authenticator app) or recovery_code.');
}

/** `POST /dashboard/api/mfa/enrolment/confirm`. */
export const parseCodeBody = (body: unknown) => parseInput(z.object({ code: z.string().min(1).max(20) }), body).code.replace(/\s/g, '');

/** `PATCH /dashboard/api/security`. */
export const parseSecurityBody = (body: unknown) => parseInput(z.object({ require_mfa: z.boolean() }), body);

/** `PUT /dashboard/api/sso/oidc`: absent fields keep their value (an empty or absent secret keeps the stored one). */
export const parseOidcConfigBody = (body: unknown) =>
  parseInput(
    z.object({
      issuer: z.string().min(1).max(2000).optional(),
      client_id: z.string().min(1).max(500).optional(),
      client_secret: z.string().max(2000).optional(),
      provision_role: role.nullable().optional(),
      enforce: z.boolean().optional(),
      break_glass_user_id: z.string().min(1).max(100).nullable().optional(),
    }),
    body,
  );

/** `PUT /dashboard/api/sso/saml`: absent fields keep their value. */
export const parseSamlConfigBody = (body: unknown) =>
  parseInput(
    z.object({
      entry_point: z.string().min(1).max(2000).optional(),
      idp_cert: z.string().min(1).max(20_000).optional(),
      sp_entity_id: z.string().min(1).max(2000).nullable().optional(),
      provision_role: role.nullable().optional(),
      enforce: z.boolean().optional(),
      break_glass_user_id: z.string().min(1).max(100).nullable().optional(),
    }),
    body,
  );
