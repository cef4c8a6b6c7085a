import type { Connector, FlowCategory, FlowLanguage } from '../connectors/types.ts';
import { findLinkRowByHash, type LinkRow } from '../store/queries/links.ts';
import type { EnvironmentKind, LinkType } from '../store/schema.ts';
import type { DomainDeps } from './deps.ts';
import { type EnvironmentSettings, getEnvironmentSettings } from './environment-settings.ts';
import { AppError } from './errors.ts';
import { orderForPicker } from './tools-popular.ts';
import { SERVER_CATALOGUES } from '../i18n/translate.ts';
import { hashLinkToken, LINK_TOKEN_FORMAT } from './links.ts';
import { type EnvironmentRef, listEnabledConnectors } from './tools.ts';

/** A connection link as the flow sees it. */
export interface LinkRecord {
  id: string;
  tenantId: string;
  environmentId: string;
  environment: EnvironmentKind;
  linkType: LinkType;
  category: FlowCategory;
  tool: string | null;
  remoteEnvironment: string | null;
  /** The language the flow speaks for this link and this customer (see {@link flowLanguage}). */
  language: FlowLanguage;
  scopeConfigId: string | null;
  endUser: { email: string | null; organizationName: string; originId: string | null };
  relinkIntegrationId: string | null;
  expiresAt: Date;
}

/**
 * The flow's language: the link's own when it names one, else the customer's preference (the loader's
 * option, else the browser's languages, as the request states them), else English.
 */
export function flowLanguage(stored: string, preferred: FlowLanguage | null): FlowLanguage {
  if (Object.hasOwn(SERVER_CATALOGUES, stored)) return stored as FlowLanguage;
  return preferred ?? 'en';
}

const toRecord = (row: LinkRow, preferred: FlowLanguage | null): LinkRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  environmentId: row.environment_id,
  environment: row.environment_kind,
  linkType: row.link_type,
  category: row.integration_category as FlowCategory,
  tool: row.integration_tool,
  remoteEnvironment: row.remote_environment,
  language: flowLanguage(row.language, preferred),
  scopeConfigId: row.scope_config_id,
  endUser: { email: row.end_user_email, organizationName: row.end_user_organization_name, originId: row.end_user_origin_id },
  relinkIntegrationId: row.relink_integration_id,
  expiresAt: row.expires_at,
});

/** The environment a link was created in. */
export const linkEnvironment = (link: LinkRecord): EnvironmentRef => ({
  tenantId: link.tenantId,
  environmentId: link.environmentId,
  environment: link.environment,
});

/**
 * Finds the usable link a token belongs to, or a FLOW error the UI can show: LINK_INVALID (unknown or
 * malformed), LINK_USED (it already produced a connection), LINK_EXPIRED.
 */
export async function resolveLink(deps: DomainDeps, token: string | undefined, preferred: FlowLanguage | null = null): Promise<LinkRecord> {
  if (!token) throw new AppError('FLOW.LINK_INVALID', 'This page was opened without a connection link. Start again from the app you came from.');
  const row = LINK_TOKEN_FORMAT.test(token) ? await findLinkRowByHash(deps.db, hashLinkToken(deps.secret, token)) : undefined;
  return usableLink(deps, row, preferred);
}

/** The usable link of an ID (an OAuth callback knows the link only through its state), or the same FLOW errors. */
export async function resolveLinkById(deps: DomainDeps, id: string): Promise<LinkRecord> {
  const row = await deps.db
    .selectFrom('connection_links')
    .innerJoin('environments', 'environments.id', 'connection_links.environment_id')
    .selectAll('connection_links')
    .select(['environments.kind as environment_kind', 'environments.tenant_id'])
    .where('connection_links.id', '=', id)
    .executeTakeFirst();
  return usableLink(deps, row);
}

function usableLink(deps: DomainDeps, row: Awaited<ReturnType<typeof findLinkRowByHash>>, preferred: FlowLanguage | null = null): LinkRecord {
  if (!row) throw new AppError('FLOW.LINK_INVALID', 'This connection link is not valid. Start again from the app you came from to get a new one.');
  if (row.used_at) throw new AppError('FLOW.LINK_USED', 'This connection link was already used to connect. Start again from the app you came from.');
  if (row.expires_at.getTime() <= deps.clock().getTime()) {
    throw new AppError('FLOW.LINK_EXPIRED', 'This connection link has expired. Start again from the app you came from to get a new one.');
  }
  return toRecord(row, preferred);
}

/**
 * The tools a link offers, in catalogue order: enabled in its environment and category, and only the
 * named tool when the link names one (a preselected tool or the tool of the integration it relinks).
 */
export async function toolsForLink(deps: DomainDeps, link: LinkRecord): Promise<Connector[]> {
  const enabled = await listEnabledConnectors(deps, linkEnvironment(link), link.category);
  return link.tool === null ? enabled : enabled.filter((c) => c.tool.id === link.tool);
}

/** What the flow needs to render: the link (in the flow's language), the tools it offers (popular first) and its environment's settings. */
export async function getFlowSession(
  deps: DomainDeps,
  token: string | undefined,
  preferred: FlowLanguage | null = null,
): Promise<{ link: LinkRecord; tools: Connector[]; settings: EnvironmentSettings }> {
  const link = await resolveLink(deps, token, preferred);
  const [tools, settings] = await Promise.all([toolsForLink(deps, link), getEnvironmentSettings(deps.db, link.environmentId)]);
  return { link, tools: orderForPicker(tools), settings };
}

/**
 * The origins allowed to frame the flow page of a link token (empty: any). A page opened without a
 * usable-looking token (a prefetch) has no environment and keeps the default; a used or expired link
 * still answers its environment's list, since its page is framed all the same.
 */
export async function frameAncestorsForToken(deps: DomainDeps, token: string | undefined): Promise<string[]> {
  if (!token || !LINK_TOKEN_FORMAT.test(token)) return [];
  const row = await findLinkRowByHash(deps.db, hashLinkToken(deps.secret, token));
  return row ? (await getEnvironmentSettings(deps.db, row.environment_id)).allowedOrigins : [];
}
