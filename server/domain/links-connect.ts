import type { Connector, FlowLanguage, VerifyResult } from '../connectors/types.ts';
import { translate } from '../i18n/translate.ts';
import { consumeLinkRow } from '../store/queries/links.ts';
import { findIntegrationRow, insertIntegrationRow, updateIntegrationRow } from '../store/queries/integrations.ts';
import { issueActivationToken } from './activation.ts';
import { sealCredentials } from './credentials-crypto.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { AppError, inputInvalid } from './errors.ts';
import { newId } from './ids.ts';
import { defaultScopeConfigId } from './integrations.ts';
import { type LinkRecord, resolveLink, toolsForLink } from './links-session.ts';
import { checkCredentials } from './tools-credentials.ts';
import { recordConnectionFlowFailed, recordIntegrationCreated, recordIntegrationStateChanged } from './webhooks/record-event.ts';
import { requestSync } from './sync/queue.ts';

/** How long a tool gets to verify credentials before the flow reports it unreachable. */
export const VERIFY_TIMEOUT_MS = 20_000;

/** What a credentials submission came to; only `connected` changed anything. */
export type ConnectResult =
  | { outcome: 'connected'; activationToken: string; tool: string; integrationId: string; relinked: boolean }
  | { outcome: 'invalid_credentials'; message: string; fieldErrors: Record<string, string> }
  | { outcome: 'remote_unavailable'; message: string };

async function verify(connector: Connector, credentials: Record<string, string>, deps: DomainDeps, link: LinkRecord, signal: AbortSignal): Promise<VerifyResult> {
  const timeout = AbortSignal.timeout(VERIFY_TIMEOUT_MS);
  try {
    return await connector.verifyCredentials(credentials, {
      clock: deps.clock,
      signal: AbortSignal.any([signal, timeout]),
      language: link.language,
      runtime: deps.connectorRuntime,
    });
  } catch (err) {
    if (timeout.aborted && !signal.aborted) return { status: 'remote_unavailable', message: translate(link.language, 'connect.timeout') };
    throw err;
  }
}

/** The end customer acts through the link they were given; the audit names the link, never the person. */
const linkActor = (link: LinkRecord): Actor => ({ actor: `link:${link.id}`, source: 'flow' });

/**
 * Submits credentials through a link: checks them against the tool's form, asks the tool to verify
 * them (outside any transaction), then in ONE transaction marks the link used, creates the integration
 * (or, for a relink link, replaces its credentials and reactivates it) with sealed credentials, and
 * issues a single-use activation token. Wrong credentials are a returned outcome, never an error.
 */
export async function connectWithLink(
  deps: DomainDeps,
  token: string | undefined,
  request: { tool: string; credentials: Readonly<Record<string, string>> },
  signal: AbortSignal,
  preferred: FlowLanguage | null = null,
): Promise<ConnectResult> {
  const link = await resolveLink(deps, token, preferred);
  const connector = (await toolsForLink(deps, link)).find((c) => c.tool.id === request.tool);
  if (!connector) throw inputInvalid(`Tool '${request.tool}' is not offered by this connection link.`);
  const checked = checkCredentials(connector.credentialFields(link.language), request.credentials, link.language);
  if (!checked.ok) return { outcome: 'invalid_credentials', message: checked.message, fieldErrors: checked.fieldErrors };
  const verified = await verify(connector, checked.values, deps, link, signal);
  if (verified.status !== 'ok') await recordConnectionFlowFailed(deps.db, { ...link, linkId: link.id, tool: connector.tool.id }, deps.clock(), deps.jobs);
  if (verified.status === 'invalid_credentials') {
    return { outcome: 'invalid_credentials', message: verified.message, fieldErrors: verified.fieldErrors };
  }
  if (verified.status === 'remote_unavailable') return { outcome: 'remote_unavailable', message: verified.message };
  return saveConnection(deps, link, connector, checked.values);
}

/**
 * Stores a connection whose credentials are known to work (checked and verified, or just issued by the
 * tool's OAuth server): in ONE transaction marks the link used, creates the integration (or, for a
 * relink link, replaces its credentials and reactivates it) with sealed credentials, and issues a
 * single-use activation token.
 */
export async function saveConnection(
  deps: DomainDeps,
  link: LinkRecord,
  connector: Connector,
  values: Record<string, string>,
): Promise<Extract<ConnectResult, { outcome: 'connected' }>> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    if (!(await consumeLinkRow(trx, link.id, now))) {
      throw link.expiresAt.getTime() <= now.getTime()
        ? new AppError('FLOW.LINK_EXPIRED', 'This connection link expired while connecting. Start again from the app you came from.')
        : new AppError('FLOW.LINK_USED', 'This connection link was already used to connect. Start again from the app you came from.');
    }
    let integrationId: string;
    let previous: Record<string, unknown> | null = null;
    if (link.relinkIntegrationId) {
      integrationId = link.relinkIntegrationId;
      const existing = await findIntegrationRow(trx, integrationId, { environmentId: link.environmentId }, { forUpdate: true });
      if (!existing) throw new AppError('FLOW.LINK_INVALID', 'The integration this link reconnects no longer exists.');
      previous = { tool: existing.tool, status: existing.status, inactive_reason: existing.inactive_reason, credentials: 'stored' };
      const sealed = sealCredentials(deps.secret, integrationId, values);
      await updateIntegrationRow(trx, integrationId, {
        credentials_key_id: sealed.keyId,
        credentials_ciphertext: sealed.ciphertext,
        status: 'ACTIVE',
        inactive_reason: null,
        scope_config_id: link.scopeConfigId ?? existing.scope_config_id,
        updated_at: now,
        last_api_request_at: now,
      });
      if (existing.status !== 'ACTIVE') await recordIntegrationStateChanged(trx, integrationId, now, deps.jobs);
    } else {
      integrationId = `${connector.tool.id}:${newId()}`;
      const sealed = sealCredentials(deps.secret, integrationId, values);
      await insertIntegrationRow(trx, {
        id: integrationId,
        environment_id: link.environmentId,
        tool: connector.tool.id,
        category: link.category,
        status: 'ACTIVE',
        inactive_reason: null,
        setup_status: 'FINAL_SYNC_PENDING',
        end_user_email: link.endUser.email,
        end_user_organization_name: link.endUser.organizationName,
        end_user_origin_id: link.endUser.originId,
        scope_config_id: link.scopeConfigId ?? defaultScopeConfigId(link.environmentId),
        remote_environment: link.remoteEnvironment,
        credentials_key_id: sealed.keyId,
        credentials_ciphertext: sealed.ciphertext,
        created_at: now,
        updated_at: now,
        last_api_request_at: now,
        data_expired_at: null,
      });
      await recordIntegrationCreated(trx, integrationId, now, deps.jobs);
    }
    // Credentials stored or replaced is a change of who can read the customer's HR data: always audited.
    await appendAudit(trx, linkActor(link), {
      tenantId: link.tenantId,
      environmentId: link.environmentId,
      action: link.relinkIntegrationId ? 'integration.relinked' : 'integration.created',
      targetType: 'integration',
      targetId: integrationId,
      before: previous,
      after: {
        tool: connector.tool.id,
        environment: link.environment,
        status: 'ACTIVE',
        end_user_organization_name: link.endUser.organizationName,
        credentials: link.relinkIntegrationId ? 'replaced' : 'stored',
      },
      at: now,
    }, deps.secret);
    // The first sync (or the relinked one's next) is queued with the integration: durable, whatever happens next.
    if (connector.source) await requestSync(deps, integrationId, 'FULL', 'INITIAL', trx);
    const activationToken = await issueActivationToken(trx, deps.secret, { id: integrationId, environmentId: link.environmentId }, now);
    return { integrationId, activationToken };
  });
  return {
    outcome: 'connected',
    activationToken: result.activationToken,
    tool: connector.tool.id,
    integrationId: result.integrationId,
    relinked: link.relinkIntegrationId !== null,
  };
}
