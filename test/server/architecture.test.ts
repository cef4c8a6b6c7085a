import fs from 'node:fs';
import path from 'node:path';
import { MALLOC_ENV } from '../../server/threads/malloc-env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** Whether the import `spec` of `file` is a module inside `server/<layer>/` (resolved, so `connectors/http/` is not `http/`). */
const importsLayer = (file: string, spec: string, layer: string) =>
  spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, 'server', layer) + path.sep);

describe('layering', () => {
  it('keeps domain/ free of express and http/', () => {
    const offenders = sources('server/domain').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'express' || spec.startsWith('express/') || importsLayer(file, spec, 'http'))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('keeps http/ from importing app.ts', () => {
    const offenders = sources('server/http').flatMap((file) =>
      importsOf(file)
        .filter((spec) => path.resolve(path.dirname(file), spec) === path.join(ROOT, 'server', 'app.ts'))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('keeps store/ free of domain/ and http/', () => {
    const offenders = sources('server/store').flatMap((file) =>
      importsOf(file)
        .filter((spec) => importsLayer(file, spec, 'domain') || importsLayer(file, spec, 'http'))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('keeps connectors/ free of domain/ and http/', () => {
    const offenders = sources('server/connectors').flatMap((file) =>
      importsOf(file)
        .filter((spec) => importsLayer(file, spec, 'domain') || importsLayer(file, spec, 'http'))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('builds the dependency graph only in server/composition-root.ts', () => {
    const root = path.join(ROOT, 'server', 'composition-root.ts');
    const offenders = sources('server')
      .filter((file) => file !== root)
      .filter((file) => /\b(openStore|loadSecret|createConnectorRegistry)\(|new AuthCache\(/.test(fs.readFileSync(file, 'utf8').replace(/export (async )?function \w+/g, '')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toStrictEqual([]);
  });

  it('keeps no module-global connector registry: connectors are reached through deps.connectors', () => {
    const registry = path.join(ROOT, 'server', 'connectors', 'registry.ts');
    const offenders = sources('server')
      .filter((file) => file !== registry && !file.startsWith(path.join(ROOT, 'server', 'connectors', 'sandbox')))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /connectors\/sandbox\//.test(spec) || (/connectors\/registry\.ts$/.test(spec) && /import\s+\{[^}]*\b(getConnector|listConnectors|DEFAULT_CONNECTORS)\b/.test(fs.readFileSync(file, 'utf8'))))
          .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
      );
    expect(offenders).toStrictEqual([]);
  });

  it('keeps no module-global connector runtime: it is built once in composition-root.ts and passed down in contexts', () => {
    const root = path.join(ROOT, 'server', 'composition-root.ts');
    const definition = path.join(ROOT, 'server', 'connectors', 'http', 'runtime.ts');
    const self = path.join(ROOT, 'test', 'server', 'architecture.test.ts');
    const globals = [...sources('server'), ...sources('bench'), ...sources('test'), ...sources('scripts')]
      .filter((file) => file !== self && /\bconfigureConnectors\b|\bconnectorRuntime\(\)/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => `${path.relative(ROOT, file)} reaches for a process-wide runtime`);
    const built = sources('server')
      .filter((file) => file !== root && file !== definition && /\b(createConnectorRuntime|new ConnectorRuntime)\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => `${path.relative(ROOT, file)} builds a connector runtime`);
    expect([...globals, ...built]).toStrictEqual([]);
  });

  it('keeps the loader free of Preact and of anything but protocol/', () => {
    const offenders = sources('widget/loader').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('preact') || (spec.startsWith('.') && !/^\.\.\/protocol\/|^\.\//.test(spec)))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('keeps protocol/ free of imports', () => {
    const offenders = sources('widget/protocol').flatMap((file) => importsOf(file).map((spec) => `${path.relative(ROOT, file)} imports ${spec}`));
    expect(offenders).toStrictEqual([]);
  });

  it('reads process.env only in server/config.ts', () => {
    const offenders = sources('server')
      .filter((file) => !file.endsWith(path.join('server', 'config.ts')))
      .filter((file) => /process\.env\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toStrictEqual([]);
  });

  it('writes no audit_log update or delete anywhere in the code', () => {
    const offenders = sources('server')
      .filter((file) => /(updateTable|deleteFrom)\(\s*['"]audit_log['"]/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toStrictEqual([]);
  });

  it('loads the libraries only some requests need on their first use, not with the server (their memory stays out of an idle process)', () => {
    // Console sign-ins (argon2, node-saml) and requests to tools (undici): `await import()` where used, types only elsewhere.
    const onUse = ['@node-rs/argon2', '@node-saml/node-saml', 'undici'];
    const offenders = sources('server').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/import\s+(?!type\b)[^'"]*from\s+['"]([^'"]+)['"]/g)]
        .filter((m) => onUse.includes(m[1]!))
        .map((m) => `${path.relative(ROOT, file)} imports ${m[1]}`),
    );
    expect(offenders).toStrictEqual([]);
  });

  it('has every process entry limit the heap growth first, before it starts any thread', () => {
    const entries = ['server/index.ts', 'server/worker.ts', 'scripts/start.ts', 'bench/run.ts'];
    const offenders = entries.filter((file) => !/async function main\([^)]*\): Promise<void> \{\n\s*limitHeapGrowth\(\);/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toStrictEqual([]);
  });

  it('has npm start and npm run worker start Node with the allocator settings of MALLOC_ENV', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const settings = Object.entries(MALLOC_ENV).map(([name, value]) => `${name}=${value}`).join(' ');
    expect(scripts.start).toMatch(new RegExp(`&& ${settings} node dist/node/scripts/start\\.js$`));
    expect(scripts.worker).toMatch(new RegExp(`&& ${settings} node dist/node/server/worker\\.js$`));
  });

  it('takes faker per locale, never from its main entry (which loads all of its locales, about 24 MB per thread)', () => {
    const offenders = sources('server')
      .filter((file) => /import\s+(?!type\b)[^'"]*from\s+['"]@faker-js\/faker['"]/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toStrictEqual([]);
  });
});
