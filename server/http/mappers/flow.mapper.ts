import type { Connector } from '../../connectors/types.ts';
import type { ConnectResult } from '../../domain/links-connect.ts';
import type { EnvironmentSettings } from '../../domain/environment-settings.ts';
import type { LinkRecord } from '../../domain/links-session.ts';
import { isPopularTool } from '../../domain/tools-popular.ts';
import type { ConnectOutcome, FlowSession, FlowTool } from '../../../widget/protocol/flow-api.ts';

function toFlowTool(c: Connector, link: LinkRecord): FlowTool {
  return {
    id: c.tool.id,
    label: c.tool.label,
    category: link.category,
    logo_url: c.tool.logoUrl,
    icon_url: c.tool.iconUrl,
    instructions: c.instructions(link.language),
    connection_guide_url: c.tool.connectionGuideUrl,
    data_points: c.dataPoints(link.language),
    credential_fields: c.credentialFields(link.language),
    ...(isPopularTool(c.tool.id) ? { popular: true } : {}),
    ...(c.oauth ? { auth: 'oauth' as const } : {}),
  };
}

/** `GET /flow/v1/session` data. */
export function toFlowSession(link: LinkRecord, tools: readonly Connector[], settings: EnvironmentSettings): FlowSession {
  return {
    environment: link.environment,
    category: link.category,
    language: link.language,
    link_type: link.linkType,
    preselected_tool: link.tool,
    relink: link.relinkIntegrationId && link.tool ? { tool: link.tool } : null,
    end_user: { organization_name: link.endUser.organizationName, email: link.endUser.email },
    expires_at: link.expiresAt.toISOString(),
    tools: tools.map((c) => toFlowTool(c, link)),
    vendor: {
      name: settings.displayName,
      logo_url: settings.logoUrl,
      primary_color: settings.primaryColor,
      privacy_policy_url: settings.privacyPolicyUrl,
      support_email: settings.supportEmail,
      support_url: settings.supportUrl,
    },
    missing_tool_url: settings.missingToolUrl,
    consent_required: !(settings.skipConsentForPreselected && link.tool !== null),
    allowed_origins: settings.allowedOrigins,
  };
}

/** `POST /flow/v1/connect` data: the integration ID never reaches the browser, only the activation token. */
export function toConnectOutcome(result: ConnectResult): ConnectOutcome {
  switch (result.outcome) {
    case 'connected':
      return { outcome: 'connected', activation_token: result.activationToken, tool: result.tool };
    case 'invalid_credentials':
      return { outcome: 'invalid_credentials', message: result.message, field_errors: result.fieldErrors };
    case 'remote_unavailable':
      return { outcome: 'remote_unavailable', message: result.message };
  }
}
