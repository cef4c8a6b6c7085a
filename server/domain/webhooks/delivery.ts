import type { Db } from '../../store/db.ts';
import { type ClaimedDeliveryRow, finishAttemptRow } from '../../store/queries/webhooks.ts';
import type { Clock } from '../deps.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signing.ts';
import { type CheckedTarget, type ResolveHost, checkTarget } from './url-safety.ts';
import { signingSecrets } from './webhook-secrets.ts';

/** A 2xx within this long counts as delivered. @default 10000 */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is read and kept. @default 256 bytes */
export const RESPONSE_PREVIEW_BYTES = 256;
/** Failed attempts are retried for at least this long after the delivery was queued, then it is FAILED. @default 24 hours */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** The first retry waits about this long; each further one twice as long. @default 2000 */
export const BACKOFF_BASE_MS = 2_000;
/** No retry waits longer than this. @default 1 hour */
export const BACKOFF_MAX_MS = 60 * 60 * 1000;
/** A claimed delivery whose process died is taken over after this long. @default 60000 */
export const LEASE_MS = 60_000;

/** One POST to a receiver, to an address already checked (never resolved again). */
export interface WebhookRequest {
  target: CheckedTarget;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** The receiver's status and the first bytes of its answer, or why there was no answer. */
export type WebhookResponse = { status: number; bodyStart: string } | { error: string };

/** The port deliveries go out through (server: http-transport.ts; tests may use the same with a fake clock). */
export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResponse>;

/** What attempting a delivery needs. */
export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  /** Server secret: the webhook secrets are sealed under it. */
  secret: Buffer;
  transport: WebhookTransport;
  resolve?: ResolveHost;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /** How long a receiver gets to answer. @default DELIVERY_TIMEOUT_MS */
  timeoutMs?: number;
}

/** Exponential backoff with jitter: after attempt n, between half and all of base·2^(n-1), capped. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * Attempts one claimed delivery: re-checks the URL (DNS rebinding), signs the stored body with the
 * environment's current (and, during a rotation, previous) secret, POSTs it to the checked address and
 * records the outcome: DELIVERED on a 2xx, else PENDING with the next retry, or FAILED once the retry
 * period is over. `secrets` may be passed in when the caller already read them for the environment.
 * Returns the recorded status (null when this claim had lost its lease).
 */
export async function attemptDelivery(deps: DeliveryDeps, d: ClaimedDeliveryRow, secrets?: string[]): Promise<'DELIVERED' | 'PENDING' | 'FAILED' | null> {
  const target = await checkTarget(d.url, d.environment_kind, deps.resolve);
  let response: WebhookResponse;
  let latencyMs: number | null = null;
  if ('refused' in target) response = { error: target.refused };
  else {
    const signing = secrets ?? (await signingSecrets(deps.db, deps.secret, d.environment_id, deps.clock()));
    const started = performance.now();
    response = await deps.transport({
      target,
      body: d.body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Plugboard-Webhooks/1', [SIGNATURE_HEADER]: signatureHeader(signing, d.body) },
      timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      maxResponseBytes: RESPONSE_PREVIEW_BYTES,
    });
    latencyMs = Math.round(performance.now() - started);
  }
  const now = deps.clock();
  const delivered = 'status' in response && response.status >= 200 && response.status < 300;
  const expired = now.getTime() - d.created_at.getTime() >= RETRY_FOR_MS;
  const status = delivered ? 'DELIVERED' : expired ? 'FAILED' : 'PENDING';
  const recorded = await finishAttemptRow(deps.db, d.id, d.lease_until!, {
    status,
    next_attempt_at: status === 'PENDING' ? new Date(now.getTime() + retryDelayMs(d.attempts, deps.random)) : now,
    last_status_code: 'status' in response ? response.status : null,
    last_latency_ms: latencyMs,
    last_error: 'error' in response ? response.error : null,
    last_response: 'status' in response ? response.bodyStart : null,
    delivered_at: delivered ? now : null,
  });
  return recorded ? status : null;
}
