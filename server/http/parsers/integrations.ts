import { z } from 'zod';
import type { FlowCategory } from '../../connectors/types.ts';
import { parseInput } from './zod-input.ts';

/** `PUT /v1/integrations/{id}/enabled` body `{value: boolean}`. */
export function parseEnabledBody(body: unknown): boolean {
  return parseInput(z.object({ value: z.boolean() }), body).value;
}

/** `DELETE /v1/integrations/{id}` body: the SDK sends `{}`; none at all is fine too. */
export function parseDeleteBody(body: unknown): void {
  parseInput(z.object({}), body ?? {});
}

/** `GET /v1/tools/{category}`: the lower-case category of the spec, as the upper-case enum. */
export function parseToolsCategory(category: unknown): FlowCategory {
  const value = parseInput(z.enum(['hris', 'ats', 'assessment', 'lms']), category, 'category path parameter');
  return value.toUpperCase() as FlowCategory;
}
