import pLimit, { type LimitFunction } from 'p-limit';
import { setTimeout as delay } from 'node:timers/promises';

/** How hard one integration may press its tool. */
export interface GateLimits {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started in any one-second window. */
  perSecond: number;
}

/**
 * Admits one integration's requests: at most `concurrency` in flight (p-limit) and at most `perSecond`
 * within any sliding second, so a sync never exceeds the tool's limit even in bursts. A request's slot
 * counts from when its response arrived (the latest moment the tool can have seen it), so the limit
 * holds as the tool measures it, whatever the network delays.
 */
export class RequestGate {
  private readonly limit: LimitFunction;
  /** The last `perSecond` admitted requests, oldest first: when each ended (Infinity while in flight) and its end. */
  private readonly slots: { endedAt: number; ended: Promise<void> }[] = [];
  private admitting: Promise<void> = Promise.resolve();

  constructor(readonly limits: GateLimits, private readonly now: () => number = () => performance.now()) {
    this.limit = pLimit(limits.concurrency);
  }

  /** Runs `task` once a concurrency slot and a rate-limit slot are free. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      const slot = await this.admit();
      try {
        return await task();
      } finally {
        slot();
      }
    });
  }

  /** Serialises admissions so the window check and the push happen as one step. */
  private admit(): Promise<() => void> {
    const next = this.admitting.then(async () => {
      while (this.slots.length >= this.limits.perSecond) {
        const oldest = this.slots[0]!;
        if (oldest.endedAt === Infinity) await oldest.ended;
        const wait = oldest.endedAt + 1000 - this.now();
        if (wait <= 0) this.slots.shift();
        else await delay(Math.ceil(wait));
      }
      let end!: () => void;
      const slot = { endedAt: Infinity, ended: new Promise<void>((resolve) => (end = resolve)) };
      this.slots.push(slot);
      return () => {
        slot.endedAt = this.now();
        end();
      };
    });
    this.admitting = next.then(() => undefined);
    return next;
  }
}
