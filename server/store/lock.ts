import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Thrown when another process already owns the embedded store's data directory. */
export class DataDirLockedError extends Error {
  constructor(dir: string, holder?: string) {
    super(
      `The data directory ${dir} is in use by another Plugboard process${holder ? ` (${holder})` : ''} (a running server or CLI). ` +
        'Stop it first, or point DATA_DIR elsewhere; with DATABASE_URL (PostgreSQL) several processes may share a store.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Who holds a lock: a process, told apart from a later process that reuses its PID by its start time and boot. */
interface Holder {
  pid: number;
  host: string;
  boot: string;
  /** Start time in clock ticks since boot (Linux `/proc/<pid>/stat` field 22); '' where /proc is absent. */
  start: string;
}

/** The lock file inside the data directory. */
export const LOCK_FILE = 'plugboard.pid';

/** How often the holder checks that the lock file still names it. @default 2000 */
export const LOCK_CHECK_MS = 2_000;

const readOr = (file: string, fallback: string) => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return fallback;
  }
};

function startOf(pid: number): string {
  const stat = readOr(`/proc/${pid}/stat`, '');
  // Fields after the command name (which may contain spaces) start at field 3.
  return stat ? (stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19] ?? '') : '';
}

const me = (): Holder => ({
  pid: process.pid,
  host: os.hostname(),
  boot: readOr('/proc/sys/kernel/random/boot_id', ''),
  start: startOf(process.pid),
});

const sameHolder = (a: Holder, b: Holder) => a.pid === b.pid && a.host === b.host && a.boot === b.boot && a.start === b.start;

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` is still running. Holders on another host count as alive. */
function isAlive(holder: Holder): boolean {
  const here = me();
  if (holder.host !== here.host) return true;
  if (holder.boot && here.boot && holder.boot !== here.boot) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The PID is in use: by the holder only if it started at the same moment.
  return !holder.start || startOf(holder.pid) === holder.start;
}

export interface LockOptions {
  /** Called (once) when the lock file no longer names this process, e.g. removed or overwritten by hand. */
  onLost?: () => void;
}

/**
 * Takes exclusive ownership of a data directory for this process; returns the release function.
 *
 * The lock file names its holder (PID, process start time, boot id, host). A holder is alive exactly
 * while that process runs, so a crashed process's lock is taken over at once, and a live one can never
 * lose it however long its event loop is blocked: liveness is asked of the kernel, not read from a
 * refreshed timestamp. The holder checks every LOCK_CHECK_MS that the file still names it.
 */
export async function lockDataDir(dir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, LOCK_FILE);
  const self = me();
  const mine = `${file}.${process.pid}`;
  fs.writeFileSync(mine, JSON.stringify(self), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        // link() is atomic and fails when the lock exists: at most one process creates it.
        fs.linkSync(mine, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      }
      const holder = readHolder(file);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dir, `PID ${holder.pid}${holder.host === self.host ? '' : ` on ${holder.host}`}`);
      // A dead holder (or a file left half-written by a crash): remove it and try again.
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }

  let lost = false;
  const check = setInterval(() => {
    const holder = readHolder(file);
    if (holder && sameHolder(holder, self)) return;
    lost = true;
    clearInterval(check);
    options.onLost?.();
  }, LOCK_CHECK_MS).unref();

  return async () => {
    clearInterval(check);
    const holder = readHolder(file);
    if (!lost && holder && sameHolder(holder, self)) fs.rmSync(file, { force: true });
  };
}
