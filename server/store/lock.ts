import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** Thrown when another process already owns the embedded store's data directory. */
export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `The data directory ${dir} is in use by another Plugboard process (a running server or CLI). ` +
        'Stop it first, or point DATA_DIR elsewhere; with DATABASE_URL (PostgreSQL) several processes may share a store.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes exclusive ownership of a data directory for this process; returns the release function.
 * A lock left by a crashed process goes stale after a few seconds and is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'plugboard.lock'),
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (err) => {
        throw err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw err;
  }
}
