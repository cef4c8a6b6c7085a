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
 * writes one insert at a time. Entries that arrive during a write wait for a full batch or the next
 * tick of the timer: writing them at once would turn a steady load into a stream of small statements,
 * each costing the store far more per row than a full batch. A failing store costs the batch
 * (dropped, one warning until a write succeeds again), never a `/v1` answer.
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

  const schedule = () => {
    timer ??= setTimeout(() => void drain(), intervalMs).unref();
  };

  async function writeBatch(): Promise<void> {
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

  /** One batch, then more only while full batches are waiting; the rest waits for the timer. */
  async function writeBatches(): Promise<void> {
    do await writeBatch();
    while (buffer.length >= batchSize);
  }

  /** One write loop at a time; a drain during a write waits for it (what came meanwhile is scheduled). */
  function drain(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!writing && buffer.length === 0) return Promise.resolve();
    writing ??= writeBatches().finally(() => {
      writing = undefined;
      if (buffer.length > 0 && !closed) schedule();
    });
    return writing;
  }

  async function writeEverything(): Promise<void> {
    while (writing || buffer.length > 0) await (writing ?? drain());
  }

  return {
    record(entry) {
      if (closed || buffer.length >= maxBuffered) return;
      buffer.push(entry);
      // During a write, its end schedules (or its loop takes) what arrives meanwhile.
      if (writing) return;
      if (buffer.length >= batchSize) void drain();
      else schedule();
    },
    flush: writeEverything,
    async close() {
      closed = true;
      await writeEverything();
      if (timer) clearTimeout(timer);
    },
  };
}
