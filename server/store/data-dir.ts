import fs from 'node:fs';
import path from 'node:path';

/** Modes of the embedded store: nobody but the server's user may read HR data, keys or the secret. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Makes every directory and file the process creates from now on private (umask 077), creates `dir`
 * with mode 700 and repairs the modes of what already lies in it. Returns how many entries it repaired.
 */
export function secureDataDir(dir: string): number {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  let repaired = 0;
  const repair = (entry: string, mode: number) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink() || (stat.mode & 0o777) === mode) return;
    fs.chmodSync(entry, mode);
    repaired++;
  };
  repair(dir, DIR_MODE);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) repair(full, DIR_MODE);
    else if (entry.isFile()) repair(full, FILE_MODE);
  }
  return repaired;
}

/** Size of PostgreSQL's control file; anything else means it was truncated or overwritten. */
const PG_CONTROL_SIZE = 8192;

/** Thrown when the embedded store's files are damaged: names the file and what to do. */
export class StoreDamagedError extends Error {
  constructor(file: string, what: string, dataDir: string) {
    super(
      `The embedded store is damaged: ${file} ${what}. Restore ${dataDir} from a backup (with its secret.key); ` +
        `to start over with an empty store instead, move ${path.join(dataDir, 'pglite')} aside (its data is then lost to Plugboard).`,
    );
    this.name = 'StoreDamagedError';
  }
}

/** Checks the files PGlite aborts on without a word (a truncated or missing control file). */
export function checkEmbeddedStore(pgliteDir: string, dataDir: string): void {
  if (!fs.existsSync(path.join(pgliteDir, 'PG_VERSION'))) return;
  const control = path.join(pgliteDir, 'global', 'pg_control');
  if (!fs.existsSync(control)) throw new StoreDamagedError(control, 'is missing', dataDir);
  const size = fs.statSync(control).size;
  if (size !== PG_CONTROL_SIZE) throw new StoreDamagedError(control, `is ${size} bytes long instead of ${PG_CONTROL_SIZE} (truncated or overwritten)`, dataDir);
}
