import type { Connector } from '../../connectors/types.ts';
import { DEFAULT_SCOPE_CONFIG_NAME, type IntegrationRecord } from '../../domain/integrations.ts';

/** `GET /v1/connect/integration-by-token/{token}` data: the six-field shape. */
export function toApiIntegrationByToken(r: IntegrationRecord) {
  return {
    tool: r.tool,
    id: r.id,
    end_user_origin_id: r.endUser.originId,
    end_user_organization_name: r.endUser.organizationName,
    end_user_email: r.endUser.email,
    setup_status: r.setupStatus,
  };
}

/** `GET /v1/integrations/{id}` data: all twelve keys, read-model coverage from the tool's connector (undefined: none). */
export function toApiIntegrationDetails(r: IntegrationRecord, connector: Connector | undefined) {
  const tool = connector?.tool;
  return {
    id: r.id,
    tool: {
      id: r.tool,
      label: tool?.label ?? r.tool,
      internal_label: null,
      logo_url: tool?.logoUrl ?? '',
      icon_url: tool?.iconUrl ?? '',
    },
    category: r.category,
    status: r.status,
    setup_status: r.setupStatus,
    end_user: { organization_name: r.endUser.organizationName, creator_email: r.endUser.email, origin_id: r.endUser.originId },
    scope_config: { id: r.scopeConfigId, name: DEFAULT_SCOPE_CONFIG_NAME },
    data_expired_at: r.dataExpiredAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
    beta: tool?.beta ?? false,
    read_models: (connector?.readModels ?? []).map((model) => ({
      id: model.id,
      label: model.label,
      is_available: model.coverage === 'SUPPORTED',
      coverage_status: model.coverage,
      scope_config_setting: 'ENABLED' as const,
      opted_out_by_customer: false,
      fields: model.fields.map((field) => ({
        id: field.id,
        is_available: model.coverage === 'SUPPORTED' && field.coverage === 'SUPPORTED',
        coverage_status: field.coverage,
        scope_config_setting: 'ENABLED' as const,
        opted_out_by_customer: false,
      })),
    })),
    write_actions: [],
  };
}
