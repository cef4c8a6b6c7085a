import { sandboxDataPoints } from './sandbox/data-points.ts';
import { SANDBOX_READ_MODELS } from './sandbox/read-models.ts';
import type { DataPointGroup, FlowLanguage, ReadModelCoverage, ToolInfo } from './types.ts';

/** Catalogue helpers shared by the real tools: coverage, data points and artwork from one description. */

/** Model ID -> the unified fields a tool fills (space-separated, names as in the Kombo API). */
export type ToolCoverage = Readonly<Record<string, string>>;

/** Read-model coverage: the listed fields SUPPORTED, every other field of the model UNSUPPORTED. */
export function readModelsOf(coverage: ToolCoverage): ReadModelCoverage[] {
  return SANDBOX_READ_MODELS.filter((m) => coverage[m.id] !== undefined).map((m) => {
    const supported = new Set(coverage[m.id]!.split(' '));
    return { ...m, fields: m.fields.map((f) => ({ id: f.id, coverage: supported.has(f.id) ? 'SUPPORTED' : 'UNSUPPORTED' })) };
  });
}

/** The data points the flow lists for a tool: the shared labels, restricted to what the tool fills. */
export function dataPointsOf(coverage: ToolCoverage, language: FlowLanguage): DataPointGroup[] {
  return sandboxDataPoints(language)
    .filter((g) => coverage[g.model] !== undefined)
    .map((g) => ({ ...g, fields: g.fields.filter((f) => f.id === 'name' || coverage[g.model]!.split(' ').includes(f.id)) }))
    .filter((g) => g.fields.length > 0);
}

const svgUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

/** A neutral monogram in the tool's colour (not the vendor's trademark), as self-contained data URLs. */
export function monogram(label: string, letters: string, color: string): Pick<ToolInfo, 'logoUrl' | 'iconUrl' | 'iconBlackUrl'> {
  const icon = (fill: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${fill}"/>` +
    `<text x="32" y="42" text-anchor="middle" font-family="system-ui,sans-serif" font-size="26" font-weight="700" fill="#fff">${letters}</text></svg>`;
  const logo =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 260 64"><rect width="64" height="64" rx="14" fill="${color}"/>` +
    `<text x="32" y="42" text-anchor="middle" font-family="system-ui,sans-serif" font-size="26" font-weight="700" fill="#fff">${letters}</text>` +
    `<text x="78" y="42" font-family="system-ui,sans-serif" font-size="26" font-weight="600" fill="#0f172a">${label}</text></svg>`;
  return { logoUrl: svgUrl(logo), iconUrl: svgUrl(icon(color)), iconBlackUrl: svgUrl(icon('#000000')) };
}
