import { z } from 'zod';
import { parseInput } from '../../parsers/zod-input.ts';

/** An allowlist as typed in the console: at most 100 entries, each an address or CIDR (validated by the domain). */
const allowlist = z.array(z.string().max(100)).max(100);

/** `POST /dashboard/api/environments/:environment/api-keys`. */
export const parseCreateKeyBody = (body: unknown) =>
  parseInput(
    z.object({
      name: z.string().min(1).max(200).nullable().optional(),
      expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
      ip_allowlist: allowlist.optional(),
      allow_all: z.boolean().optional(),
    }),
    body ?? {},
  );

/** `PUT /dashboard/api/environments/:environment/api-keys/:id/allowlist`: the whole new list; `allow_all` confirms an allow-all range. */
export const parseAllowlistBody = (body: unknown) => parseInput(z.object({ ip_allowlist: allowlist, allow_all: z.boolean().optional() }), body);
