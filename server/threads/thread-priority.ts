import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How many steps of niceness below its process a background thread runs: when the API's thread and a sync both want a core, the API gets it. */
export const BACKGROUND_NICENESS_STEPS = 10;

/** The lowest priority Linux schedules (the highest niceness). */
const MAX_NICENESS = 19;

/**
 * Lowers the CPU priority of the calling thread alone by `steps` of niceness (on Linux a thread is
 * scheduled on its own: its id, read from /proc/thread-self, takes a niceness of its own), so a process
 * started with `nice` keeps its threads' order. Returns the thread's id, or null where a thread cannot be
 * told apart from its process (no /proc/thread-self) or the system refuses; the thread then runs at the
 * process's priority.
 */
export function lowerThreadPriority(steps = BACKGROUND_NICENESS_STEPS): number | null {
  const tid = currentThreadId();
  if (tid === null) return null;
  try {
    os.setPriority(tid, Math.min(MAX_NICENESS, os.getPriority(tid) + steps));
    return tid;
  } catch {
    return null;
  }
}

/** The kernel's id of the calling thread (Linux, from /proc/thread-self), or null where there is none. */
export function currentThreadId(): number | null {
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    return Number.isSafeInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}
