import { z } from 'zod';
import type { FlowLanguage } from '../../connectors/types.ts';
import { LANGUAGES } from './connect.ts';
import { parseInput } from './zod-input.ts';

const connectBody = z.object({
  tool: z.string().min(1).max(100),
  credentials: z.record(z.string().max(200), z.string().max(10_000)),
});

/** `POST /flow/v1/connect` body (`ConnectRequest` of widget/protocol/flow-api.ts). */
export function parseConnectRequest(body: unknown): { tool: string; credentials: Record<string, string> } {
  return parseInput(connectBody, body);
}

/**
 * The customer's preferred language for a flow request: the page's `X-Plugboard-Language` (the loader's
 * option) when it is a flow language, else the best flow language of the browser's `Accept-Language`
 * (`negotiated`, false when none fits or the header is absent), else null. Anything malformed is ignored:
 * a preference never fails a request.
 */
export function parsePreferredLanguage(header: string | undefined, negotiated: string | false): FlowLanguage | null {
  const isLanguage = (value: unknown): value is FlowLanguage => LANGUAGES.includes(value as FlowLanguage);
  if (isLanguage(header)) return header;
  return isLanguage(negotiated) ? negotiated : null;
}
