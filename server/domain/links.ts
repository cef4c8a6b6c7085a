import type { FlowCategory, FlowLanguage } from '../connectors/types.ts';
import { insertLinkRow } from '../store/queries/links.ts';
import type { LinkType } from '../store/schema.ts';
import type { Db } from '../store/db.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';
import { newId, randomString } from './ids.ts';
import { defaultScopeConfigId } from './integrations.ts';
import { accessIntegration } from './lifecycle.ts';
import { keyedHash } from './secrets.ts';
import { enabledToolsSentence, type EnvironmentRef, listEnabledConnectors, requireEnabledTool } from './tools.ts';

/** Link token length: 40 base62 characters, about 238 random bits. */
export const LINK_TOKEN_LENGTH = 40;
/** Shape of a link token; anything else is rejected before touching the database. */
export const LINK_TOKEN_FORMAT = /^[0-9A-Za-z]{40}$/;

/**
 * Stored as a link's language when its request named none: the flow then speaks the customer's language
 * (the loader's option, else the browser's). Not a language, so it can never be mistaken for one.
 */
export const LINK_LANGUAGE_OF_CUSTOMER = 'customer';

const EMBEDDED_TTL_MS = 60 * 60 * 1000;

/** Purpose-tagged so a link token can never match another kind of stored token hash. */
export const hashLinkToken = (secret: Buffer, token: string): string => keyedHash(secret, `link:${token}`);

/** When a link created at `now` expires: EMBEDDED after 1 hour, MAGIC_LINK after 1 year. */
export function linkExpiry(linkType: LinkType, now: Date): Date {
  if (linkType === 'EMBEDDED') return new Date(now.getTime() + EMBEDDED_TTL_MS);
  const expiry = new Date(now);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 1);
  return expiry;
}

/** A validated create-link request (every field of the spec, defaults applied). */
export interface CreateLinkInput {
  endUserEmail: string;
  endUserOrganizationName: string;
  endUserOriginId: string | null;
  remoteEnvironment: string | null;
  category: FlowCategory;
  tool: string | null;
  /** The link's language, or null to follow the customer's (see `flowLanguage`). */
  language: FlowLanguage | null;
  scopeConfigId: string | null;
  enableFiltering: boolean;
  enableFieldMapping: boolean;
  linkType: LinkType;
}

/** A new link: the plaintext token (only ever in the URL handed to the caller) and its expiry. */
export interface CreatedLink {
  token: string;
  expiresAt: Date;
}

function resolveScopeConfig(env: EnvironmentRef, requested: string | null): string {
  const fallback = defaultScopeConfigId(env.environmentId);
  if (requested === null || requested === fallback) return fallback;
  throw inputInvalid(`Unknown scope_config_id '${requested}'. This environment has one scope config, '${fallback}'; omit scope_config_id to use it.`);
}

/**
 * Runs `insert` and, for a link made by hand (`by`: a console user, the CLI), appends its audit row in
 * the same transaction: what the link is for and until when, never its token. Links made over `/v1`
 * are in the request log instead.
 */
async function insertAudited(
  deps: DomainDeps,
  env: EnvironmentRef,
  by: Actor | undefined,
  entry: { action: string; targetType: string; targetId: string; after: Record<string, unknown>; at: Date },
  insert: (db: Db) => Promise<void>,
): Promise<void> {
  if (!by) return insert(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    await insert(trx);
    await appendAudit(trx, by, { tenantId: env.tenantId, environmentId: env.environmentId, before: null, ...entry }, deps.secret);
  });
}

/**
 * Creates a connection link bound to the caller's environment, a category, an optional tool and the
 * end user. Only the token's keyed hash is stored.
 */
export async function createLink(deps: DomainDeps, env: EnvironmentRef, input: CreateLinkInput, by?: Actor): Promise<CreatedLink> {
  if (input.remoteEnvironment !== null && input.tool === null) {
    throw inputInvalid('remote_environment can only be used together with integration_tool.');
  }
  if (input.tool !== null) {
    const connector = await requireEnabledTool(deps, env, input.tool, input.category);
    const offered = connector.remoteEnvironments ?? [];
    if (input.remoteEnvironment !== null && !offered.includes(input.remoteEnvironment)) {
      throw inputInvalid(
        offered.length === 0
          ? `Tool '${input.tool}' has no remote environments; omit remote_environment.`
          : `Unknown remote_environment '${input.remoteEnvironment}' for tool '${input.tool}'. Use one of: ${offered.join(', ')}.`,
      );
    }
  } else {
    const enabled = await listEnabledConnectors(deps, env, input.category);
    if (enabled.length === 0) throw inputInvalid(enabledToolsSentence(enabled, env, input.category));
  }
  const scopeConfigId = resolveScopeConfig(env, input.scopeConfigId);
  const now = deps.clock();
  const token = randomString(LINK_TOKEN_LENGTH);
  const expiresAt = linkExpiry(input.linkType, now);
  const id = newId();
  const after = {
    link_type: input.linkType,
    integration_tool: input.tool,
    end_user_organization_name: input.endUserOrganizationName,
    end_user_origin_id: input.endUserOriginId,
    expires_at: expiresAt.toISOString(),
  };
  await insertAudited(deps, env, by, { action: 'link.created', targetType: 'link', targetId: id, after, at: now }, (db) => insertLinkRow(db, {
    id,
    environment_id: env.environmentId,
    token_hash: hashLinkToken(deps.secret, token),
    link_type: input.linkType,
    integration_category: input.category,
    integration_tool: input.tool,
    remote_environment: input.remoteEnvironment,
    language: input.language ?? LINK_LANGUAGE_OF_CUSTOMER,
    scope_config_id: scopeConfigId,
    enable_filtering: input.enableFiltering,
    enable_field_mapping: input.enableFieldMapping,
    end_user_email: input.endUserEmail,
    end_user_organization_name: input.endUserOrganizationName,
    end_user_origin_id: input.endUserOriginId,
    relink_integration_id: null,
    created_at: now,
    expires_at: expiresAt,
  }));
  return { token, expiresAt };
}

/** A validated relink request. */
export interface RelinkInput {
  /** The link's language, or null to follow the customer's (see `flowLanguage`). */
  language: FlowLanguage | null;
  scopeConfigId: string | null;
  linkType: LinkType;
}

/**
 * Creates a reconnection link for an integration of the caller's environment: its flow replaces that
 * integration's credentials (and switches its scope config when one is given) instead of creating one.
 */
export async function createRelinkLink(deps: DomainDeps, env: EnvironmentRef, integrationId: string, input: RelinkInput, by?: Actor): Promise<CreatedLink> {
  const integration = await accessIntegration(deps, env, integrationId);
  if (!deps.connectors.get(integration.tool)) throw inputInvalid(`Plugboard has no connector for tool '${integration.tool}'.`);
  const scopeConfigId = input.scopeConfigId === null ? null : resolveScopeConfig(env, input.scopeConfigId);
  const now = deps.clock();
  const token = randomString(LINK_TOKEN_LENGTH);
  const expiresAt = linkExpiry(input.linkType, now);
  const id = newId();
  const after = { link_id: id, link_type: input.linkType, expires_at: expiresAt.toISOString() };
  await insertAudited(deps, env, by, { action: 'integration.relink_link_created', targetType: 'integration', targetId: integration.id, after, at: now }, (db) => insertLinkRow(db, {
    id,
    environment_id: env.environmentId,
    token_hash: hashLinkToken(deps.secret, token),
    link_type: input.linkType,
    integration_category: integration.category,
    integration_tool: integration.tool,
    remote_environment: integration.remoteEnvironment,
    language: input.language ?? LINK_LANGUAGE_OF_CUSTOMER,
    scope_config_id: scopeConfigId,
    enable_filtering: false,
    enable_field_mapping: false,
    end_user_email: integration.endUser.email,
    end_user_organization_name: integration.endUser.organizationName,
    end_user_origin_id: integration.endUser.originId,
    relink_integration_id: integration.id,
    created_at: now,
    expires_at: expiresAt,
  }));
  return { token, expiresAt };
}
