import { Agent } from 'undici';
import type { Logger } from '../../logger.ts';
import { type GateLimits, RequestGate } from './request-gate.ts';
import type { TokenStore } from './single-flight.ts';
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

/** The shared settings plus what lives per process: the connection pool and one gate per integration. */
export class ConnectorRuntime {
  readonly dispatcher: Agent;
  private readonly gates = new Map<string, RequestGate>();

  constructor(readonly options: ConnectorRuntimeOptions) {
    this.dispatcher = new Agent({ connect: { timeout: options.timeouts.connectMs } });
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
}

let current = new ConnectorRuntime(DEFAULTS);

/** Sets the process's connector settings (server start, tests); unspecified parts keep their defaults. */
export function configureConnectors(options: Partial<ConnectorRuntimeOptions>): ConnectorRuntime {
  current = new ConnectorRuntime({ ...DEFAULTS, ...options });
  return current;
}

/** The process's connector settings. */
export function connectorRuntime(): ConnectorRuntime {
  return current;
}
