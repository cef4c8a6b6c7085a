const svgUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const mark = (fill: string, stroke: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${fill}"/>` +
  `<path d="M20 40c0 4 5 7 12 7s12-3 12-8-5-7-12-8-11-3-11-7 4-7 11-7 11 3 11 6" fill="none" stroke="${stroke}" stroke-width="5" stroke-linecap="round"/></svg>`;

/** The Sandbox artwork as self-contained data URLs (valid on every public origin). */
export const SANDBOX_ICON_URL = svgUrl(mark('#0f766e', '#ffffff'));
export const SANDBOX_ICON_BLACK_URL = svgUrl(mark('#000000', '#ffffff'));
export const SANDBOX_LOGO_URL = svgUrl(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64"><rect width="64" height="64" rx="14" fill="#0f766e"/>' +
    '<path d="M20 40c0 4 5 7 12 7s12-3 12-8-5-7-12-8-11-3-11-7 4-7 11-7 11 3 11 6" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/>' +
    '<text x="78" y="42" font-family="system-ui,sans-serif" font-size="26" font-weight="600" fill="#0f172a">Sandbox</text></svg>',
);
