import type { Connector } from '../../connectors/types.ts';
import { DEFAULT_SCOPE_CONFIG_NAME, type IntegrationRecord } from '../../domain/integrations.ts';
import { EVERYTHING_ENABLED, type ScopeConfig } from '../../domain/scopes/scope-config.ts';

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

/**
 * `GET /v1/integrations/{id}` data: all twelve keys, read-model coverage from the tool's connector
 * (undefined: none) and `scope_config_setting` from the environment's scope configuration.
 */
export function toApiIntegrationDetails(r: IntegrationRecord, connector: Connector | undefined, scope: ScopeConfig = EVERYTHING_ENABLED) {
  const modelOn = (id: string) => !scope.disabledModels.has(id);
  const fieldOn = (model: string, field: string) => modelOn(model) && !(scope.disabledFields.get(model)?.has(field) ?? false);
  const setting = (on: boolean) => (on ? 'ENABLED' : 'DISABLED') as 'ENABLED' | 'DISABLED';
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
      is_available: model.coverage === 'SUPPORTED' && modelOn(model.id),
      coverage_status: model.coverage,
      scope_config_setting: setting(modelOn(model.id)),
      opted_out_by_customer: false,
      fields: model.fields.map((field) => ({
        id: field.id,
        is_available: model.coverage === 'SUPPORTED' && field.coverage === 'SUPPORTED' && fieldOn(model.id, field.id),
        coverage_status: field.coverage,
        scope_config_setting: setting(fieldOn(model.id, field.id)),
        opted_out_by_customer: false,
      })),
    })),
    write_actions: [],
  };
}
