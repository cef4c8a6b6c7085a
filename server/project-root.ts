import fs from 'node:fs';
import path from 'node:path';

/** The nearest directory at or above `from` that holds a package.json. */
function packageRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json at or above ${from}.`);
  }
}

/**
 * The project's root (where package.json, `vite.config.ts`, the widget's sources and `dist/` are), the
 * same whether this module runs from its source (`server/`) or from the build (`dist/node/server/`).
 */
export const PROJECT_ROOT = packageRoot(import.meta.dirname);
