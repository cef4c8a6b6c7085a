import { type CompanyConfig, buildCompany } from './company.ts';
import type { SandboxCompany } from './types.ts';

/** Options of a CompanyCache. */
export interface CompanyCacheOptions {
  /** How the company is computed. @default buildCompany */
  build?: (config: CompanyConfig, now: Date) => SandboxCompany;
  /** Width of a clock bucket: the company is computed as of the bucket's start. @default 60_000 */
  bucketMs?: number;
  /** Companies kept at most (a 10,000-employee one is tens of MB). @default 2 */
  max?: number;
  /** An entry unused this long is dropped, so an idle server does not hold a company. @default 120_000 */
  idleMs?: number;
}

/**
 * Simulated companies by (seed, size, clock bucket), for the Sandbox's passthrough: building a large
 * company takes most of a second of event-loop time, so consecutive calls within a bucket share one.
 * Syncs do not use it: they read the company at their exact clock.
 */
export class CompanyCache {
  #entries = new Map<string, { company: SandboxCompany; timer: NodeJS.Timeout }>();
  #build: (config: CompanyConfig, now: Date) => SandboxCompany;
  #bucketMs: number;
  #max: number;
  #idleMs: number;
  /** How many companies were computed (cache misses). */
  builds = 0;

  constructor(options: CompanyCacheOptions = {}) {
    this.#build = options.build ?? buildCompany;
    this.#bucketMs = options.bucketMs ?? 60_000;
    this.#max = options.max ?? 2;
    this.#idleMs = options.idleMs ?? 120_000;
  }

  /** The company of `config` as of the start of `now`'s clock bucket. */
  get(config: CompanyConfig, now: Date): SandboxCompany {
    const bucket = Math.floor(now.getTime() / this.#bucketMs) * this.#bucketMs;
    const key = `${config.size}|${bucket}|${config.seed}`;
    const hit = this.#entries.get(key);
    if (hit) {
      // Re-insert: Map order is the eviction order (least recently used first).
      this.#entries.delete(key);
      hit.timer.refresh();
      this.#entries.set(key, hit);
      return hit.company;
    }
    const company = this.#build(config, new Date(bucket));
    this.builds++;
    const timer = setTimeout(() => this.#entries.delete(key), this.#idleMs);
    timer.unref();
    this.#entries.set(key, { company, timer });
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#max) break;
      clearTimeout(entry.timer);
      this.#entries.delete(oldest);
    }
    return company;
  }
}

/** The process's cache for Sandbox passthrough calls. */
export const passthroughCompanies = new CompanyCache();
