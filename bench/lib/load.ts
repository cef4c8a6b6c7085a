import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** @default 50 */
  connections?: number;
  /** Seconds of measurement after a warm-up of a third as long. @default 8 */
  duration?: number;
}

/** Runs autocannon on loopback: a warm-up, then the measured run. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const base = { url: options.url, headers: options.headers, connections: options.connections ?? 50 };
  const duration = options.duration ?? 8;
  await autocannon({ ...base, duration: Math.max(2, Math.round(duration / 3)) });
  const r = await autocannon({ ...base, duration });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}
