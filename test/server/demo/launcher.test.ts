import fs from 'node:fs';
import path from 'node:path';
import { type Spawned, BUILD_DIR, buildServer, spawnBuilt, tempDataDir, waitUntil } from '../../helpers/cli.ts';

/** `npm start` as a child process: the launcher (scripts/start.ts) as built by `npm run build`, on free ports. */
type Started = Spawned;

function npmStart(dataDir: string): Started {
  return spawnBuilt('scripts/start.js', [], { HOST: '127.0.0.1', PORT: '0', DEMO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
}

/** The URLs the banner prints. */
async function banner(started: Started): Promise<{ demo: string; plugboard: string }> {
  await waitUntil(() => started.output().includes('Plugboard is running'), 'the banner of npm start');
  const url = (label: string) => new RegExp(`${label}\\s+(http://\\S+)`).exec(started.output())![1]!;
  return { demo: url('Demo app'), plugboard: url('Plugboard') };
}

describe('npm start (the launcher process) on a fresh data directory', () => {
  let dataDir: string;
  let first: Started;
  let urls: { demo: string; plugboard: string };
  beforeAll(async () => {
    buildServer();
    dataDir = tempDataDir();
    first = npmStart(dataDir);
    urls = await banner(first);
  }, 90_000);
  afterAll(() => {
    first.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo, whose page loads connect.js from the Plugboard URL it printed', async () => {
    const page = await (await fetch(urls.demo)).text();
    const loader = await fetch(`${urls.plugboard}/connect.js`);
    expect([page.includes(`<script src="${urls.plugboard}/connect.js"`), loader.status]).toStrictEqual([true, 200]);
  });

  it("serves the demo page's own modules, found from the build as from the sources", async () => {
    const main = await fetch(`${urls.demo}/app/main.ts`);
    expect([main.status, main.headers.get('content-type'), (await main.text()).includes('import ')]).toStrictEqual([200, 'text/javascript; charset=utf-8', true]);
  });

  it('is what `npm start` runs: the build, then the compiled launcher (no TypeScript compiled at run time)', () => {
    const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    // Environment settings may come before `node` (the allocator's: see the architecture test).
    expect(scripts.start).toMatch(new RegExp(`^npm run build --silent && (\\w+=\\S+ )*node ${path.relative(process.cwd(), BUILD_DIR)}/scripts/start\\.js$`));
    expect(scripts.build).toBe('tsc -p tsconfig.build.json');
  });

  it('gives the demo a development key without printing it', async () => {
    const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'state.json'), 'utf8')) as { apiKey: string };
    expect([state.apiKey.startsWith('ks_dev_'), first.output().includes(state.apiKey), first.output().includes('ks_dev_')]).toStrictEqual([true, false, false]);
  });

  it('stops both on SIGINT, exiting 0 and releasing the data directory', async () => {
    first.child.kill('SIGINT');
    expect([await first.exited, fs.existsSync(path.join(dataDir, 'plugboard.lock'))]).toStrictEqual([0, false]);
  });

  it('reuses the data and the demo’s key on a second start', async () => {
    const key = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'state.json'), 'utf8')).apiKey;
    const second = npmStart(dataDir);
    await banner(second);
    second.child.kill('SIGINT');
    const code = await second.exited;
    const again = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'state.json'), 'utf8')).apiKey;
    expect([code, again === key, second.output().includes('created a development API key')]).toStrictEqual([0, true, false]);
  }, 90_000);
});
