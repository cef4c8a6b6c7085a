import type { Connector } from '../connectors/types.ts';

/**
 * The tools most customers look for first, most popular first: the tool picker shows them on top under
 * their own heading so most people never need to search or scroll.
 */
export const POPULAR_TOOL_IDS: readonly string[] = ['personio', 'bamboohr', 'hibob'];

/** True for a tool of {@link POPULAR_TOOL_IDS}. */
export const isPopularTool = (toolId: string): boolean => POPULAR_TOOL_IDS.includes(toolId);

/** The tools in the picker's order: the popular ones by popularity, then every other by name. */
export function orderForPicker(tools: readonly Connector[]): Connector[] {
  const rank = (c: Connector) => {
    const i = POPULAR_TOOL_IDS.indexOf(c.tool.id);
    return i === -1 ? POPULAR_TOOL_IDS.length : i;
  };
  return [...tools].sort((a, b) => rank(a) - rank(b) || a.tool.label.localeCompare(b.tool.label, 'en'));
}
