import { z } from 'zod';
import type { Db } from '../store/db.ts';
import { type EnvironmentSettingsRow, findEnvironmentSettingsRow, upsertEnvironmentSettingsRow } from '../store/queries/environment-settings.ts';
import { appendAudit } from './audit.ts';
import type { Actor, StoreDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';
import type { EnvironmentRef } from './tools.ts';

/** What an operator configures per environment: the vendor's branding and how the flow may be used. */
export interface EnvironmentSettings {
  /** The vendor's name as the customer knows it ("Acme HR"); null shows a neutral wording. */
  displayName: string | null;
  /** An https image shown next to the name. */
  logoUrl: string | null;
  /** A hex colour (`#0a7` or `#00aa77`) for the flow's primary buttons. */
  primaryColor: string | null;
  privacyPolicyUrl: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  /** Where "Don't see your tool?" leads (an http(s) or mailto: URL); null hides it. */
  missingToolUrl: string | null;
  /** Links that preselect a tool skip the consent step. @default false */
  skipConsentForPreselected: boolean;
  /** Exact origins allowed to frame the flow and receive its result; empty means any origin. @default [] */
  allowedOrigins: string[];
}

/** Settings of an environment the operator never configured. */
export const DEFAULT_ENVIRONMENT_SETTINGS: EnvironmentSettings = {
  displayName: null,
  logoUrl: null,
  primaryColor: null,
  privacyPolicyUrl: null,
  supportEmail: null,
  supportUrl: null,
  missingToolUrl: null,
  skipConsentForPreselected: false,
  allowedOrigins: [],
};

const isUrl = (value: string, protocols: string[]): boolean => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** A serialised http(s) origin such as `https://app.example.com`: no path, no trailing slash, no wildcard. */
export const isExactOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};

// Free text the customer reads: printable, no line breaks or control characters, not blank.
const text = (max: number) =>
  z.string().trim().min(1, 'must not be blank').max(max, `must be at most ${max} characters`).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const url = (protocols: string[], what: string) =>
  z.string().max(2000, 'must be at most 2000 characters').refine((v) => isUrl(v, protocols), `must be ${what}`);

/** Validation of a settings change; `null` clears a value back to its default. */
const patchSchema = z
  .object({
    displayName: text(80).nullable(),
    logoUrl: url(['https:'], 'an https URL').nullable(),
    primaryColor: z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #0a7f5a').nullable(),
    privacyPolicyUrl: url(['https:', 'http:'], 'an http(s) URL').nullable(),
    supportEmail: z.email('must be an email address').max(254).nullable(),
    supportUrl: url(['https:', 'http:'], 'an http(s) URL').nullable(),
    missingToolUrl: url(['https:', 'http:', 'mailto:'], 'an http(s) or mailto: URL').nullable(),
    skipConsentForPreselected: z.boolean(),
    allowedOrigins: z
      .array(
        z.string().refine(isExactOrigin, {
          error: (issue) => `has '${String(issue.input)}', which is not an exact origin such as https://app.example.com (scheme and host, no path)`,
        }),
      )
      .max(50, 'must list at most 50 origins'),
  })
  .partial()
  .strict();

export type EnvironmentSettingsPatch = Partial<EnvironmentSettings>;

/** Checks a change; throws INPUT_INVALID with one sentence per problem, naming the setting. */
export function parseSettingsPatch(input: unknown): EnvironmentSettingsPatch {
  const parsed = patchSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'settings').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} ${i.message}`);
  throw inputInvalid(`Invalid settings: ${problems.join('; ')}.`);
}

const fromRow = (row: EnvironmentSettingsRow | undefined): EnvironmentSettings =>
  row
    ? {
        displayName: row.display_name,
        logoUrl: row.logo_url,
        primaryColor: row.primary_color,
        privacyPolicyUrl: row.privacy_policy_url,
        supportEmail: row.support_email,
        supportUrl: row.support_url,
        missingToolUrl: row.missing_tool_url,
        skipConsentForPreselected: row.skip_consent_for_preselected,
        allowedOrigins: row.allowed_origins,
      }
    : DEFAULT_ENVIRONMENT_SETTINGS;

/** An environment's settings (the defaults when none were set). */
export async function getEnvironmentSettings(db: Db, environmentId: string): Promise<EnvironmentSettings> {
  return fromRow(await findEnvironmentSettingsRow(db, environmentId));
}

/** The settings as the audit trail and `--json` show them. */
export const settingsJson = (s: EnvironmentSettings): Record<string, unknown> => ({
  display_name: s.displayName,
  logo_url: s.logoUrl,
  primary_color: s.primaryColor,
  privacy_policy_url: s.privacyPolicyUrl,
  support_email: s.supportEmail,
  support_url: s.supportUrl,
  missing_tool_url: s.missingToolUrl,
  skip_consent_for_preselected: s.skipConsentForPreselected,
  allowed_origins: s.allowedOrigins,
});

/**
 * Validates and applies a change to an environment's settings, recording the before and after in the
 * audit trail in the same transaction. Returns the settings now in force.
 */
export async function updateEnvironmentSettings(deps: StoreDeps, by: Actor, env: EnvironmentRef, input: unknown): Promise<EnvironmentSettings> {
  const patch = parseSettingsPatch(input);
  return deps.db.transaction().execute(async (trx) => {
    const before = fromRow(await findEnvironmentSettingsRow(trx, env.environmentId));
    const after: EnvironmentSettings = { ...before, ...patch, allowedOrigins: [...new Set(patch.allowedOrigins ?? before.allowedOrigins)] };
    await upsertEnvironmentSettingsRow(trx, {
      environment_id: env.environmentId,
      display_name: after.displayName,
      logo_url: after.logoUrl,
      primary_color: after.primaryColor,
      privacy_policy_url: after.privacyPolicyUrl,
      support_email: after.supportEmail,
      support_url: after.supportUrl,
      missing_tool_url: after.missingToolUrl,
      skip_consent_for_preselected: after.skipConsentForPreselected,
      allowed_origins: JSON.stringify(after.allowedOrigins),
      updated_at: deps.clock(),
    });
    await appendAudit(trx, by, {
      tenantId: env.tenantId,
      environmentId: env.environmentId,
      action: 'environment.settings_updated',
      targetType: 'environment',
      targetId: env.environmentId,
      before: settingsJson(before),
      after: settingsJson(after),
      at: deps.clock(),
    }, deps.secret);
    return after;
  });
}
