/** `GET /dashboard/api/environments/:environment/configuration`: tools, scopes and the flow's settings. */
export interface ApiConfiguration {
  tools: ApiConsoleTool[];
  models: ApiScopeModel[];
  settings: ApiFlowSettings;
}

export interface ApiConsoleTool {
  id: string;
  label: string;
  categories: string[];
  icon_url: string;
  enabled: boolean;
}

export interface ApiScopeModel {
  id: string;
  label: string;
  enabled: boolean;
  fields: { id: string; enabled: boolean; locked: boolean }[];
}

export interface ApiFlowSettings {
  display_name: string | null;
  logo_url: string | null;
  primary_color: string | null;
  privacy_policy_url: string | null;
  support_email: string | null;
  support_url: string | null;
  missing_tool_url: string | null;
  skip_consent_for_preselected: boolean;
  allowed_origins: string[];
}
