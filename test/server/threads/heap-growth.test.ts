import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../../../server/threads/heap-growth.ts')).href;

/**
 * The largest heap of a fresh process that holds about 30 MB and keeps replacing another 10 MB that lives
 * long enough to reach the old generation (as a sync's rendered batches do), with the heap growth set by
 * `limitHeapGrowth(percent)` (its default when `percent` is undefined).
 */
function largestHeapMb(percent: number | undefined): number {
  const script = `
    import v8 from 'node:v8';
    import { limitHeapGrowth } from ${JSON.stringify(MODULE)};
    limitHeapGrowth(${percent === undefined ? '' : percent});
    const live = [];
    for (let i = 0; i < 100_000; i++) live.push({ i, s: 'x'.repeat(200) + i });
    let largest = 0;
    let batch = [];
    for (let round = 0; round < 25; round++) {
      batch = [];
      for (let i = 0; i < 50_000; i++) batch.push({ round, i, s: 'y'.repeat(100) + i });
      largest = Math.max(largest, v8.getHeapStatistics().total_heap_size);
    }
    console.log(Math.round(largest / 1e6), live.length, batch.length);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(out.trim().split(' ')[0]);
}

describe('limitHeapGrowth', () => {
  // Against a fixed fourfold growth, the most V8's default allows: the default's factor depends on how fast
  // its collections run against the program, so it moves with how busy the machine is; a fixed one does not.
  it('keeps a heap with much short-lived data near its live size instead of letting it grow to several times that', () => {
    const fourfold = largestHeapMb(300);
    const limited = largestHeapMb(undefined);
    expect(limited).toBeLessThan(fourfold * 0.75);
  });
});
