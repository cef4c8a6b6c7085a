import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  connectionFlowFailedWebhookPayloadFromJSON,
  dataChangedWebhookPayloadFromJSON,
  integrationCreatedWebhookPayloadFromJSON,
  integrationDeletedWebhookPayloadFromJSON,
  integrationStateChangedWebhookPayloadFromJSON,
  syncFinishedWebhookPayloadFromJSON,
} from '@kombo-api/sdk/models';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schemas from './webhook-schemas.json' with { type: 'json' };
import crypto from 'node:crypto';

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
/** Compiled once, so a receiver answers its first request as fast as the others. */
const validators = new Map(Object.entries(schemas).filter(([k]) => k !== '$comment').map(([type, schema]) => [type, ajv.compile(schema as object)]));

/**
 * The official SDK's payload parsers. Its `validateWebhook` cannot be used: in 1.1.3 it parses the body
 * as `{"X-Kombo-Signature", body}` (the request model) and so refuses every real webhook body.
 */
const SDK_PARSERS: Record<string, (json: string) => { ok: boolean; error?: unknown }> = {
  'integration-created': integrationCreatedWebhookPayloadFromJSON,
  'integration-deleted': integrationDeletedWebhookPayloadFromJSON,
  'integration-state-changed': integrationStateChangedWebhookPayloadFromJSON,
  'sync-finished': syncFinishedWebhookPayloadFromJSON,
  'data-changed': dataChangedWebhookPayloadFromJSON,
  'connection-flow-failed': connectionFlowFailedWebhookPayloadFromJSON,
};

/** The documented check, written out here on purpose: HMAC-SHA256 of the raw body, base64url, any listed signature. */
function signatureValid(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(raw).digest('base64url'));
  return header.split(',').some((s) => {
    const given = Buffer.from(s.trim());
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, any>;
  signature: string;
  receivedAt: number;
}

/** What the receiver answers for one request: a status (after an optional delay), or no answer at all. */
export type Behaviour = (event: ReceivedEvent, attempt: number) => { status: number; delayMs?: number; body?: string } | 'hang';

/**
 * A real HTTP receiver: every request's signature is checked with `secret()` and its body against the
 * spec's schema for its type and the official SDK's payload parser; anything wrong goes to `problems`. Only
 * requests answered 2xx count as `delivered`.
 */
export interface Receiver {
  url: string;
  /** Every request, in arrival order (including those answered with an error). */
  requests: ReceivedEvent[];
  /** Events whose request was answered 2xx, in order. */
  delivered: ReceivedEvent[];
  problems: string[];
  behave(behaviour: Behaviour): void;
  close(): Promise<void>;
}

export async function startReceiver(secret: () => string, options: { port?: number } = {}): Promise<Receiver> {
  let behaviour: Behaviour = () => ({ status: 200 });
  const requests: ReceivedEvent[] = [];
  const delivered: ReceivedEvent[] = [];
  const problems: string[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers['x-kombo-signature'] as string | undefined;
      let body: any;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        problems.push(`not JSON: ${raw.toString('utf8').slice(0, 100)}`);
      }
      if (!signatureValid(secret(), raw, header)) problems.push(`bad signature for ${body?.type} ${body?.id}`);
      const validate = validators.get(body?.type);
      if (!validate) problems.push(`unknown type ${body?.type}`);
      else if (!validate(body)) problems.push(`${body.type} ${JSON.stringify(validate.errors)}`);
      const parsed = SDK_PARSERS[body?.type]?.(raw.toString('utf8'));
      if (!parsed?.ok) problems.push(`SDK refused ${body?.type}: ${String(parsed?.error)}`);
      const event: ReceivedEvent = { id: body?.id, type: body?.type, data: body?.data, signature: header ?? '', receivedAt: performance.now() };
      requests.push(event);
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      const answer = behaviour(event, attempt);
      if (answer === 'hang') return;
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer.status >= 200 && answer.status < 300) delivered.push(event);
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? 'ok');
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    requests,
    delivered,
    problems,
    behave: (b) => {
      behaviour = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
