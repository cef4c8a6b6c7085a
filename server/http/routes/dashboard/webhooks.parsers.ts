import { z } from 'zod';
import { inputInvalid } from '../../../domain/errors.ts';
import { parseInput } from '../../parsers/zod-input.ts';

const url = z.string().min(1).max(2048);
const eventTypes = z.array(z.string().min(1).max(100)).max(20);

/** `POST /dashboard/api/environments/:environment/webhooks`: no event types means every type. */
export const parseCreateWebhookBody = (body: unknown) => {
  const b = parseInput(z.object({ url, event_types: eventTypes.optional() }), body);
  return { url: b.url, eventTypes: b.event_types ?? [] };
};

/** `PATCH /dashboard/api/environments/:environment/webhooks/:id`: absent fields stay as they are. */
export const parseUpdateWebhookBody = (body: unknown) => {
  const b = parseInput(z.object({ url: url.optional(), event_types: eventTypes.optional(), enabled: z.boolean().optional() }), body);
  return { url: b.url, eventTypes: b.event_types, enabled: b.enabled };
};

/** `POST .../webhooks/:id/resend-failed`: the period the failed attempts fall in (`until` open when absent). */
export function parseResendFailedBody(body: unknown): { since: Date; until?: Date } {
  const b = parseInput(z.object({ since: z.iso.datetime({ offset: true }), until: z.iso.datetime({ offset: true }).optional() }), body);
  const since = new Date(b.since);
  const until = b.until === undefined ? undefined : new Date(b.until);
  if (until && until <= since) throw inputInvalid('Invalid request body: until must be after since.');
  return until ? { since, until } : { since };
}
