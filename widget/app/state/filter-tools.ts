import type { FlowTool } from '../../protocol/flow-api.ts';

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/** The tools whose name or id contains the query, ignoring case and accents ("sage hr", "Lücca"). */
export function filterTools(tools: readonly FlowTool[], query: string): FlowTool[] {
  const q = fold(query);
  if (!q) return [...tools];
  return tools.filter((t) => fold(t.label).includes(q) || t.id.includes(q.replace(/\s+/g, '')));
}
