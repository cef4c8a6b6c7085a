import type { SourceContext } from '../data-source.ts';

/**
 * How far before the last successful sync's start a change feed is asked from: the tool's clock and
 * ours differ, and a change committed while the last sync was reading may carry an earlier timestamp.
 * Re-reading a change is harmless (a changed record replaces itself), missing one is not. HiBob's notes
 * recommend at least an hour for its time-off feed [inf]; the same margin serves every tool.
 */
export const DELTA_OVERLAP_MS = 60 * 60 * 1000;

/**
 * The instant a DELTA read asks a change feed for changes from, or null when the read must be full:
 * a FULL read, no previous successful sync, or (with `maxAgeMs`) a last sync older than the feed reaches.
 */
export function deltaSince(ctx: Pick<SourceContext, 'type' | 'since' | 'now'>, maxAgeMs = Number.POSITIVE_INFINITY): Date | null {
  if (ctx.type !== 'DELTA' || !ctx.since) return null;
  const since = new Date(ctx.since.getTime() - DELTA_OVERLAP_MS);
  return ctx.now.getTime() - since.getTime() > maxAgeMs ? null : since;
}
