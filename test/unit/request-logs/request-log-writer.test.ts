import { createRequestLogWriter, type RequestLogEntry } from '../../../server/domain/request-logs/request-log-writer.ts';

const entry = (requestId: string): RequestLogEntry => ({
  environmentId: 'env',
  requestId,
  at: new Date(0),
  method: 'GET',
  path: '/v1/check-api-key',
  status: 200,
  latencyMs: 1,
  apiKeyId: 'key',
  integrationId: null,
});

describe('createRequestLogWriter', () => {
  it('writes what was recorded in batches of at most batchSize, in order', async () => {
    const batches: string[][] = [];
    const writer = createRequestLogWriter({ insert: async (b) => void batches.push(b.map((e) => e.requestId)), logger: { warn: () => {} }, batchSize: 2, intervalMs: 60_000 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) writer.record(entry(id));
    await writer.flush();
    expect(batches).toStrictEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('leaves what arrives during a write for a full batch or the timer, not a stream of small writes', async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const writer = createRequestLogWriter({
      insert: async (b) => {
        batches.push(b.map((e) => e.requestId));
        await new Promise<void>((resolve) => (release = resolve));
      },
      logger: { warn: () => {} },
      batchSize: 3,
      intervalMs: 60_000,
    });
    for (const id of ['a', 'b', 'c']) writer.record(entry(id)); // a full batch: written at once
    writer.record(entry('d'));
    writer.record(entry('e'));
    release();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const afterFirstWrite = batches.map((b) => [...b]);
    writer.record(entry('f')); // d, e, f: a full batch again
    release();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect([afterFirstWrite, batches]).toStrictEqual([[['a', 'b', 'c']], [['a', 'b', 'c'], ['d', 'e', 'f']]]);
    release();
    await writer.close();
  });

  it('writes what arrived during a write on its timer once the write ends', async () => {
    const written: string[] = [];
    let release: () => void = () => {};
    let wroteC: () => void;
    const done = new Promise<void>((resolve) => (wroteC = resolve));
    const writer = createRequestLogWriter({
      insert: async (b) => {
        if (b[0]!.requestId === 'a') await new Promise<void>((resolve) => (release = resolve));
        written.push(...b.map((e) => e.requestId));
        if (written.includes('c')) wroteC();
      },
      logger: { warn: () => {} },
      batchSize: 2,
      intervalMs: 5,
    });
    writer.record(entry('a'));
    writer.record(entry('b'));
    writer.record(entry('c'));
    await new Promise((r) => setTimeout(r, 20)); // the timer ticks while the write of a, b still runs
    release();
    await done;
    expect(written).toStrictEqual(['a', 'b', 'c']);
  });

  it('writes on its timer without a flush', async () => {
    const written: string[] = [];
    let done: () => void;
    const wrote = new Promise<void>((resolve) => (done = resolve));
    const writer = createRequestLogWriter({ insert: async (b) => (written.push(...b.map((e) => e.requestId)), done()), logger: { warn: () => {} }, intervalMs: 5 });
    writer.record(entry('a'));
    await wrote;
    expect(written).toStrictEqual(['a']);
  });

  it('drops a batch the store refuses, warns once until a write succeeds, and keeps going', async () => {
    const warnings: unknown[] = [];
    const written: string[] = [];
    let failing = true;
    const writer = createRequestLogWriter({
      insert: async (b) => {
        if (failing) throw new Error('store away');
        written.push(...b.map((e) => e.requestId));
      },
      logger: { warn: (...args: unknown[]) => void warnings.push(args) },
      batchSize: 1,
      intervalMs: 60_000,
    });
    writer.record(entry('a'));
    writer.record(entry('b'));
    await writer.flush();
    expect(warnings).toHaveLength(1);
    failing = false;
    writer.record(entry('c'));
    await writer.flush();
    expect(written).toStrictEqual(['c']);
  });

  it('holds at most maxBuffered entries while the store is slow', async () => {
    let release: () => void = () => {};
    const written: string[] = [];
    const writer = createRequestLogWriter({
      insert: async (b) => {
        await new Promise<void>((resolve) => (release = resolve));
        written.push(...b.map((e) => e.requestId));
      },
      logger: { warn: () => {} },
      batchSize: 1,
      maxBuffered: 2,
      intervalMs: 60_000,
    });
    writer.record(entry('a')); // taken by the first write at once (a full batch)
    for (const id of ['b', 'c', 'd']) writer.record(entry(id));
    const flushed = writer.flush();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      release();
    }
    await flushed;
    expect(written).toStrictEqual(['a', 'b', 'c']);
  });

  it('writes what is left on close and records nothing after it', async () => {
    const written: string[] = [];
    const writer = createRequestLogWriter({ insert: async (b) => void written.push(...b.map((e) => e.requestId)), logger: { warn: () => {} }, intervalMs: 60_000 });
    writer.record(entry('a'));
    await writer.close();
    writer.record(entry('b'));
    await writer.flush();
    expect(written).toStrictEqual(['a']);
  });
});
