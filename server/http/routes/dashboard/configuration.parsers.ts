import { z } from 'zod';
import { inputInvalid } from '../../../domain/errors.ts';
import { parseInput } from '../../parsers/zod-input.ts';

/** `PUT /dashboard/api/environments/:environment/configuration/tools/:tool`. */
export const parseToolEnabledBody = (body: unknown) => parseInput(z.object({ enabled: z.boolean() }).strict(), body);

/**
 * `PATCH .../configuration/settings`: the wire's snake_case names as the domain's (`display_name` ->
 * `displayName`); the values are checked by the settings rules, which name the setting in snake_case.
 */
export function parseSettingsBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw inputInvalid('Send the settings to change as a JSON object.');
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}
