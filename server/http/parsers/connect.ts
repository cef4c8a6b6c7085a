import { z } from 'zod';
import type { CreateLinkInput, RelinkInput } from '../../domain/links.ts';
import { KOMBO_TOOL_IDS } from '../../domain/tools-kombo-ids.ts';
import { parseInput } from './zod-input.ts';

export const LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pt', 'pl'] as const;
export const CATEGORIES = ['HRIS', 'ATS', 'ASSESSMENT', 'LMS'] as const;
export const LINK_TYPES = ['EMBEDDED', 'MAGIC_LINK'] as const;

/** Email as the spec's format; the domain is lower-cased (it is case-insensitive, and responses must match the spec's pattern). */
const email = z.email().transform((value) => {
  const at = value.lastIndexOf('@');
  return value.slice(0, at) + value.slice(at).toLowerCase();
});

/**
 * `language`: null or absent means the link names none, and the flow follows the customer (the loader's
 * option, else the browser's languages, else English; see `flowLanguage` in domain/links-session.ts).
 */
export const languageField = z
  .enum(LANGUAGES)
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** `link_type`: absent means EMBEDDED. */
export const linkTypeField = z.enum(LINK_TYPES).default('EMBEDDED');

const createLinkBody = z.object({
  end_user_email: email,
  end_user_organization_name: z.string().min(1),
  end_user_origin_id: z.string().min(1).nullable().optional(),
  remote_environment: z.string().nullable().optional(),
  integration_category: z.enum(CATEGORIES).default('HRIS'),
  integration_tool: z.enum(KOMBO_TOOL_IDS).nullable().optional(),
  language: languageField,
  scope_config_id: z.string().nullable().optional(),
  enable_filtering: z.boolean().default(false),
  enable_field_mapping: z.boolean().default(false),
  link_type: linkTypeField,
});

/** `POST /v1/connect/create-link` body: every field of the spec with its rules and defaults. */
export function parseCreateLinkBody(body: unknown, what = 'request body'): CreateLinkInput {
  const b = parseInput(createLinkBody, body, what);
  return {
    endUserEmail: b.end_user_email,
    endUserOrganizationName: b.end_user_organization_name,
    endUserOriginId: b.end_user_origin_id ?? null,
    remoteEnvironment: b.remote_environment ?? null,
    category: b.integration_category,
    tool: b.integration_tool ?? null,
    language: b.language,
    scopeConfigId: b.scope_config_id ?? null,
    enableFiltering: b.enable_filtering,
    enableFieldMapping: b.enable_field_mapping,
    linkType: b.link_type,
  };
}

const relinkBody = z.object({
  language: languageField,
  scope_config_id: z.string().nullable().optional(),
  link_type: linkTypeField,
});

/** `POST /v1/integrations/{id}/relink` body (every field optional; no body at all is fine). */
export function parseRelinkBody(body: unknown): RelinkInput {
  const b = parseInput(relinkBody, body ?? {});
  return { language: b.language, scopeConfigId: b.scope_config_id ?? null, linkType: b.link_type };
}

/** `POST /v1/connect/activate-integration` body. */
export function parseActivateBody(body: unknown): string {
  return parseInput(z.object({ token: z.string() }), body).token;
}
