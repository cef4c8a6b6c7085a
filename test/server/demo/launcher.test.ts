import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../helpers/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `npm start` as a child process (the launcher, scripts/start.ts) on free ports. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(dataDir: string): Started {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DEMO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
  });
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The URLs the banner prints. */
async function banner(started: Started): Promise<{ demo: string; plugboard: string }> {
  const start = Date.now();
  while (!started.output().includes('Plugboard is running')) {
    if (Date.now() - start > 60_000) throw new Error(`npm start did not print its banner:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = (label: string) => new RegExp(`${label}\\s+(http://\\S+)`).exec(started.output())![1]!;
  return { demo: url('Demo app'), plugboard: url('Plugboard') };
}

describe('npm start (the launcher process) on a fresh data directory', () => {
  let dataDir: string;
  let first: Started;
  let urls: { demo: string; plugboard: string };
  beforeAll(async () => {
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
