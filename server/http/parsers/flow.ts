import { z } from 'zod';
import { parseInput } from './zod-input.ts';

const connectBody = z.object({
  tool: z.string().min(1).max(100),
  credentials: z.record(z.string().max(200), z.string().max(10_000)),
});

/** `POST /flow/v1/connect` body (`ConnectRequest` of widget/protocol/flow-api.ts). */
export function parseConnectRequest(body: unknown): { tool: string; credentials: Record<string, string> } {
  return parseInput(connectBody, body);
}
