import type { HrisReadModelId, HrisSnapshot } from './unified-hris.ts';

/** What a source is told about the read it should do. */
export interface SourceContext {
  integrationId: string;
  /** The integration's decrypted credentials (never logged). */
  credentials: Readonly<Record<string, string>>;
  /** The time of the read, from the injected clock: sources that simulate time evolve up to it. */
  now: Date;
  /**
   * FULL or DELTA as requested; either way the source returns every current record (records it leaves
   * out are marked deleted). A DELTA only allows cheaper upstream reads based on `since`.
   */
  type: 'FULL' | 'DELTA';
  /** When the last successful sync started (for DELTA reads). */
  since: Date | null;
}

/** A raw request to the tool's own API (`POST /v1/passthrough/{tool}/{api}`). */
export interface PassthroughRequest {
  api: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  params: Record<string, string>;
  data: unknown;
}

export interface PassthroughResponse {
  /** The URL the request went to. */
  url: string;
  status: number;
  headers: Record<string, string | string[]>;
  data: unknown;
  warnings: string[];
}

/** Thrown by a passthrough for an `api` the tool does not have. */
export class UnknownPassthroughApiError extends Error {
  constructor(readonly api: string, readonly known: readonly string[]) {
    super(`Unknown passthrough API '${api}'. Available: ${known.join(', ')}.`);
    this.name = 'UnknownPassthroughApiError';
  }
}

/**
 * The data-reading part of a connector: the sync engine asks it for the remote system's records,
 * already mapped to the unified models, and stores them with change tracking.
 */
export interface DataSource {
  /** The unified read models this source fills (for `GET /v1/integrations/{id}` read_models). */
  readonly readModels: readonly HrisReadModelId[];
  /** Reads every current record of every covered model. */
  readHris(ctx: SourceContext): Promise<HrisSnapshot>;
  /** Forwards a request to the tool's own API; absent when the tool has no passthrough. */
  passthrough?(ctx: SourceContext, request: PassthroughRequest): Promise<PassthroughResponse>;
}
