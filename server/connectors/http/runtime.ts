import type { Agent, fetch } from 'undici';
import type { Logger } from '../../logger.ts';
import { type GateLimits, RequestGate } from './request-gate.ts';
import type { TokenKeeper, TokenStore } from './single-flight.ts';
import type { ToolOrigins } from './tool-origin.ts';

/** Server-side settings every HTTP connector shares: never settable from a link, the flow or the API. */
export interface ConnectorRuntimeOptions {
  /** Tool ID -> origin replacing the documented one (`TOOL_ORIGIN_<TOOL>`). @default {} */
  origins: ToolOrigins;
  /** Where request logs go (method, host, path, status, ms; never secrets). */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Per integration. @default { concurrency: 4, perSecond: 10 } */
  limits: GateLimits;
  /** @default { connectMs: 5000, totalMs: 30000 } */
  timeouts: { connectMs: number; totalMs: number };
  /** Durable, sealed storage of short-lived tokens; without it tokens live in memory only. */
  tokenStore?: TokenStore;
  /** Retries of 429/5xx/network failures. @default { retries: 5, baseMs: 250, capMs: 8000, maxRetryAfterMs: 60000 } */
  retry: { retries: number; baseMs: number; capMs: number; maxRetryAfterMs: number };
}

const DEFAULTS: ConnectorRuntimeOptions = {
  origins: {},
  limits: { concurrency: 4, perSecond: 10 },
  timeouts: { connectMs: 5_000, totalMs: 30_000 },
  retry: { retries: 5, baseMs: 250, capMs: 8_000, maxRetryAfterMs: 60_000 },
};

/** What every request to a tool goes through. */
export interface ToolTransport {
  fetch: typeof fetch;
  dispatcher: Agent;
}

/**
 * The shared settings plus what lives per process: the connection pool, one gate per integration and
 * the token keepers. The composition root builds one per process and passes it down (sources get it
 * in their SourceContext, verifications in their VerifyContext); nothing reaches for a global one.
 */
export class ConnectorRuntime {
  #transport: Promise<ToolTransport> | undefined;
  private readonly gates = new Map<string, RequestGate>();
  private readonly keepers = new Map<string, TokenKeeper>();

  constructor(readonly options: ConnectorRuntimeOptions) {}

  /**
   * undici's fetch and this process's connection pool for tools, made for the first request: a process
   * that never calls a tool (the API beside its sync thread) does not load undici (~4 MB).
   */
  transport(): Promise<ToolTransport> {
    return (this.#transport ??= import('undici').then((undici) => ({
      fetch: undici.fetch,
      dispatcher: new undici.Agent({ connect: { timeout: this.options.timeouts.connectMs } }),
    })));
  }

  /** The one gate all of an integration's requests pass, whichever job sends them. */
  gateFor(integrationId: string): RequestGate {
    let gate = this.gates.get(integrationId);
    if (!gate) {
      gate = new RequestGate(this.options.limits);
      this.gates.set(integrationId, gate);
    }
    return gate;
  }

  /**
   * The one token keeper of `key` (an integration and its credentials' fingerprint), made by `create`
   * the first time: every job of the integration shares its token, and new credentials start afresh.
   */
  keeperFor(key: string, create: () => TokenKeeper): TokenKeeper {
    let keeper = this.keepers.get(key);
    if (!keeper) {
      keeper = create();
      this.keepers.set(key, keeper);
    }
    return keeper;
  }
}

/** The runtime a context carries; an HTTP connector called without one is a wiring mistake, never the user's. */
export function runtimeOf(ctx: { runtime?: ConnectorRuntime }): ConnectorRuntime {
  if (!ctx.runtime) throw new Error('No connector runtime in the context: the composition root passes one to every sync, verification and passthrough.');
  return ctx.runtime;
}

/** A runtime with these settings; unspecified parts keep their defaults. */
export function createConnectorRuntime(options: Partial<ConnectorRuntimeOptions> = {}): ConnectorRuntime {
  return new ConnectorRuntime({ ...DEFAULTS, ...options });
}
