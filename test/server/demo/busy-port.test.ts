import fs from 'node:fs';
import net from 'node:net';
import { startErrorMessage } from '../../../scripts/start-error.ts';
import { spawnEntry, tempDataDir } from '../../helpers/cli.ts';

describe('npm start with a port already taken', () => {
  let dataDir: string;
  let busy: net.Server;
  let port: number;
  beforeAll(async () => {
    dataDir = tempDataDir();
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('for Plugboard (PORT)', () => {
    it('exits 1 naming the port and the PORT variable', async () => {
      const started = spawnEntry('scripts/start.ts', [], { HOST: '127.0.0.1', PORT: String(port), DEMO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const code = await started.exited;
      expect([code, started.output().trim().split('\n').at(-1)]).toStrictEqual([
        1,
        `Port ${port} is already in use, so the API, loader and flow cannot listen there. Stop whatever uses it, or choose another port: PORT=${port + 10} npm start`,
      ]);
    }, 90_000);
  });
});

describe('startErrorMessage', () => {
  const config = { port: 3000, demoPort: 3001 };

  it('names DEMO_PORT when the demo’s port is taken', () => {
    const err = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 3001 });
    expect(startErrorMessage(err, config)).toBe(
      'Port 3001 is already in use, so the demo vendor app cannot listen there. Stop whatever uses it, or choose another port: DEMO_PORT=3011 npm start',
    );
  });

  it('passes any other error’s message through', () => {
    expect(startErrorMessage(new Error('The data directory is in use.'), config)).toBe('The data directory is in use.');
  });
});
