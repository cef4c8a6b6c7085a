import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DEMO = path.join(ROOT, 'demo');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);

/** Packages a vendor's backend would install: its web framework, validation, the official SDK, a TS transform. */
const BACKEND_PACKAGES = /^(node:|express$|zod$|vite$|@kombo-api\/sdk(\/|$))/;

describe('the demo behaves exactly like a customer', () => {
  it('never imports Plugboard internals (server/, widget/) from demo/', () => {
    const offenders = sources(DEMO).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(DEMO + path.sep))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('uses only its own packages on the backend (the official SDK, never another client of ours)', () => {
    const offenders = sources(path.join(DEMO, 'server')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('.') && !BACKEND_PACKAGES.test(spec))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('gives the page no packages and nothing of the backend (only its own modules and shared types)', () => {
    const web = path.join(DEMO, 'web');
    const offenders = sources(web).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !/^\.\/[a-z0-9-]+\.ts$/.test(spec) && !/^\.\.\/shared\/[a-z0-9-]+\.ts$/.test(spec))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('imports only types from shared/ into the page, so the browser never requests them', () => {
    const web = path.join(DEMO, 'web');
    const offenders = sources(web).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"](\.\.\/shared\/[^'"]+)['"]/gm)]
        .filter((m) => !m[1])
        .map((m) => `${path.relative(ROOT, file)} imports values from ${m[2]}`),
    );
    expect(offenders).toStrictEqual([]);
  });
});
