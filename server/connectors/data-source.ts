import type { ConnectorRuntime } from './http/runtime.ts';
import type { RemoteError } from './remote-error.ts';
import type { HrisReadModelId, HrisSnapshot } from './unified-hris.ts';

/** What a source is told about the read it should do. */
export interface SourceContext {
  integrationId: string;
  /** The integration's decrypted credentials (never logged). */
  credentials: Readonly<Record<string, string>>;
  /** The time of the read, from the injected clock: sources that simulate time evolve up to it. */
  now: Date;
  /**
   * FULL or DELTA as requested. On FULL the source yields every current record (records it leaves out
   * are marked deleted). On DELTA (and a non-null `since`) it may yield ModelDelta items instead, with
   * only the changes since `since`; or full pages, exactly as on FULL.
   */
  type: 'FULL' | 'DELTA';
  /** When the last successful sync started (for DELTA reads). */
  since: Date | null;
  /**
   * The process's connector runtime (settings, connection pool, gates, token keepers), built once by the
   * composition root. The sync and the passthrough always pass it; HTTP connectors refuse to read
   * without it (`runtimeOf`), sources that call no tool (the Sandbox) need none.
   */
  runtime?: ConnectorRuntime;
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
 * The data-reading part of a connector in its first shape: the whole company at once. Still accepted
 * (the sync adapts it), but it holds the company in memory; new connectors implement PagedSource.
 */
export interface DataSource {
  /** The unified read models this source fills (for `GET /v1/integrations/{id}` read_models). */
  readonly readModels: readonly HrisReadModelId[];
  /** Reads every current record of every covered model. */
  readHris(ctx: SourceContext): Promise<HrisSnapshot>;
  /** Forwards a request to the tool's own API; absent when the tool has no passthrough. */
  passthrough?(ctx: SourceContext, request: PassthroughRequest): Promise<PassthroughResponse>;
}

/** A unified HRIS model as sources name it: the camelCase list names of HrisSnapshot (`employees`, `timeOffBalances`, ...). */
export type HrisModel = keyof HrisSnapshot;

/** One page of one model's records, in the unified shape (at most `ctx.pageSize` records is a good habit, not a rule). */
export type SourcePage = { [K in HrisModel]: { model: K; records: HrisSnapshot[K] } }[HrisModel];

/**
 * A model the source cannot read this time (typically `permission_missing`): the sync keeps the
 * previously synced records of that model untouched and carries on with the other models. Pages of the
 * model already yielded in this read are discarded.
 */
export interface UnavailableModel {
  model: HrisModel;
  unavailable: RemoteError;
}

/**
 * Only what changed in one model since `ctx.since` (an incremental read, `ctx.type === 'DELTA'`):
 * `changed` records are created or replaced, `deletedRemoteIds` are marked deleted, and every stored
 * record of the model not named keeps its synced state. A source yields deltas only when it can name
 * every change (the tool has a change feed or an updated-since filter that covers deletions, or it
 * names them otherwise); it may yield several deltas per model, but never a delta and full pages of the
 * same model in one read. Models a DELTA read does not yield at all are read as empty, as in a full
 * read: a source that skips a model's read on a DELTA must yield an empty delta for it.
 */
export type ModelDelta = { [K in HrisModel]: { model: K; changed: HrisSnapshot[K]; deletedRemoteIds: readonly string[] } }[HrisModel];

/** What a paged source yields: pages, deltas, and models it could not read. */
export type SourceItem = SourcePage | ModelDelta | UnavailableModel;

/** What a paged read is told: the SourceContext plus cancellation and a page size hint. */
export interface ReadContext extends SourceContext {
  /** Aborted when the sync is cancelled (shutdown, timeout): stop fetching and return or throw. */
  signal: AbortSignal;
  /** How many records per page the sync would like. @default 1000 */
  pageSize: number;
  /**
   * The models to read (the environment's scope configuration turned the others off): a source should
   * not fetch the others; the sync ignores what it yields of them. Absent: every model.
   */
  models?: ReadonlySet<HrisModel>;
}

/**
 * The data-reading part of a connector, page by page (async iteration), so a read never holds the
 * remote company in memory:
 * - yield `{ model, records }` pages in any order and any number per model; a model of `readModels`
 *   that is never yielded is read as empty (its stored records are marked deleted);
 * - yield `{ model, unavailable: RemoteError }` for a model it cannot read (e.g. its permission is
 *   missing): the others still sync;
 * - throw a RemoteError (`credentials_rejected`, `rate_limited` with `retryAfterMs`,
 *   `remote_unavailable`, `bad_data`) to fail the whole read: the previous snapshot stays as it was.
 * `readByModel()` builds `read` from one async page generator per model.
 */
export interface PagedSource {
  /** The unified read models this source fills (for `GET /v1/integrations/{id}` read_models). */
  readonly readModels: readonly HrisReadModelId[];
  /** Every current record of every covered model, page by page. */
  read(ctx: ReadContext): AsyncIterable<SourceItem>;
  /** Forwards a request to the tool's own API; absent when the tool has no passthrough. */
  passthrough?(ctx: SourceContext, request: PassthroughRequest): Promise<PassthroughResponse>;
}

/** Either shape of source a connector may offer; the sync prefers `read` when both are there. */
export type AnySource = DataSource | PagedSource;
