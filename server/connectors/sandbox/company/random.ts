import type { Randomizer } from '@faker-js/faker';

/**
 * 32-bit FNV-1a style hash of the parts (numbers mixed as two 32-bit halves, no string building):
 * turns (seed, entity kind, index, ...) into a PRNG seed.
 */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      h = Math.imul(h ^ (part >>> 0), 0x01000193);
      h = Math.imul(h ^ Math.floor(part / 4294967296), 0x01000193);
    } else {
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  // Avalanche so seeds differing in one input bit diverge at once.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A small, fast seeded PRNG (mulberry32). Seeding is O(1), so every entity gets its own generator and
 * adding or removing one entity never shifts another's values.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weights (pairs of item and weight). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Exponentially distributed with the given mean (waiting times between events). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Re-seeds in place (used by the faker randomizer adapter). */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }
}

/** A faker Randomizer over Rng: faker's default Mersenne Twister costs ~30 µs per seed; this costs nothing. */
export function fastRandomizer(): Randomizer {
  const rng = new Rng(0);
  return {
    next: () => rng.next(),
    seed: (seed) => rng.reseed(Array.isArray(seed) ? hashSeed(...seed) : seed),
  };
}

export const DAY_MS = 86_400_000;

/** Midnight UTC of the day containing `ms`. */
export const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `yyyy-MM-dd` of a UTC timestamp, by civil-from-days arithmetic (H. Hinnant): generation formats
 * hundreds of thousands of dates, and a Date object plus toISOString() per date dominated its profile.
 */
export function isoDate(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `toISOString()` of a timestamp (years 0-9999). */
export function iso(ms: number): string {
  const t = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  const milli = t % 1000;
  const secs = Math.floor(t / 1000);
  return `${isoDate(ms)}T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}
