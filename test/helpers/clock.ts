/** A clock tests move by hand: `clock()` reads it, `advance(ms)` and `set(date)` change it. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(date: Date | string): void;
}

export function testClock(start: Date | string = '2026-01-15T09:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (date) => {
    now = new Date(date).getTime();
  };
  return clock;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
