import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The niceness of background threads: when the API's thread and a sync both want a core, the API gets it. */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the CPU priority of the calling thread alone (on Linux a thread is scheduled on its own: its
 * id, read from /proc/thread-self, takes a niceness of its own). Never raises it. Returns the thread's
 * id, or null where a thread cannot be told apart from its process (no /proc/thread-self) or the system
 * refuses; the thread then runs at the process's priority.
 */
export function lowerThreadPriority(niceness = BACKGROUND_NICENESS): number | null {
  let tid: number;
  try {
    tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(tid) || tid <= 0) return null;
  try {
    if (os.getPriority(tid) < niceness) os.setPriority(tid, niceness);
    return tid;
  } catch {
    return null;
  }
}
