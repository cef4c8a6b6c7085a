import type { Logger } from '../../logger.ts';

/** One authenticated `/v1` request as the log keeps it: no body, no query values, no key. */
export interface RequestLogEntry {
  environmentId: string;
  requestId: string;
  at: Date;
  method: string;
  /** The path with ids, token-bearing segments scrubbed, without the query string. */
  path: string;
  status: number;
  latencyMs: number;
  apiKeyId: string;
  integrationId: string | null;
}

/** Buffers entries in memory and writes them in batches, off the response path. */
export interface RequestLogWriter {
  /** Queues an entry; never throws, never waits. */
  record(entry: RequestLogEntry): void;
  /** Writes everything queued so far (tests, shutdown). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later entries are dropped. */
  close(): Promise<void>;
}

export interface RequestLogWriterOptions {
  /** Writes one batch (one multi-row insert). */
  insert: (entries: RequestLogEntry[]) => Promise<void>;
  logger: Pick<Logger, 'warn'>;
  /** How long an entry may wait for its batch. @default 1000 */
  intervalMs?: number;
  /** Entries per insert; a full batch is written at once. @default 1000 */
  batchSize?: number;
  /** Entries held while the store is slow or away; beyond it new ones are dropped. @default 20000 */
  maxBuffered?: number;
}

/**
 * The batching writer of the request log. Requests only push to an array; a timer (or a full batch)
 * writes one insert at a time. A failing store costs the batch (dropped, one warning until a write
 * succeeds again), never a `/v1` answer.
 */
export function createRequestLogWriter(options: RequestLogWriterOptions): RequestLogWriter {
  // Few large statements: each commit costs the embedded store far more than a row does.
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 1_000;
  const maxBuffered = options.maxBuffered ?? 20_000;
  let buffer: RequestLogEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let warned = false;
  let closed = false;

  async function writeAll(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      buffer = buffer.slice(batch.length);
      try {
        await options.insert(batch);
        warned = false;
      } catch (err) {
        if (!warned) options.logger.warn({ err, dropped: batch.length }, 'request log: a batch could not be written and was dropped (warned once until writes succeed)');
        warned = true;
      }
    }
  }

  /** One write loop at a time; a flush during a write waits for it and then writes what came meanwhile. */
  function drain(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing ??= writeAll().finally(() => {
      writing = undefined;
    });
    return writing;
  }

  return {
    record(entry) {
      if (closed || buffer.length >= maxBuffered) return;
      buffer.push(entry);
      if (buffer.length >= batchSize && !writing) void drain();
      else timer ??= setTimeout(() => void drain(), intervalMs).unref();
    },
    async flush() {
      while (writing || buffer.length > 0) await (writing ?? drain());
    },
    async close() {
      closed = true;
      while (writing || buffer.length > 0) await (writing ?? drain());
      if (timer) clearTimeout(timer);
    },
  };
}
