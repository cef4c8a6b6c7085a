import type { Connector } from '../../connectors/types.ts';

/** One tool of `GET /v1/tools/{category}`. */
export function toApiTool(c: Connector) {
  return {
    id: c.tool.id,
    label: c.tool.label,
    internal_label: null,
    assets: { logo_url: c.tool.logoUrl, icon_url: c.tool.iconUrl, icon_black_url: c.tool.iconBlackUrl },
    paid_api_details_markdown: null,
    fast_track_details_markdown: null,
    partner_only_details_markdown: null,
    connection_guide_url: c.tool.connectionGuideUrl,
    coverage: {
      read_models: c.readModels.map((m) => ({
        id: m.id,
        label: m.label,
        coverage_status: m.coverage,
        fields: m.fields.map((f) => ({ id: f.id, coverage_status: f.coverage })),
      })),
      write_actions: [],
      features: [],
    },
  };
}
