import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, logDestination } from '../../server/logger.ts';

/** What a logger writing through `logDestination(format, isTTY)` to a file wrote for one info line. */
function written(format: 'json' | 'pretty' | undefined, isTTY: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugboard-log-'));
  const file = path.join(dir, 'out.log');
  try {
    const logger = createLogger('info', logDestination(format, isTTY, file));
    logger.info({ url: 'http://127.0.0.1:3000', store: 'pglite' }, 'Plugboard listening on http://127.0.0.1:3000');
    logger.flush();
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('logDestination', () => {
  describe('on a terminal without LOG_FORMAT', () => {
    it('writes readable, coloured lines', () => {
      const line = written(undefined, true);
      expect([line.startsWith('{'), line.includes('\x1b['), line.includes('Plugboard listening on http://127.0.0.1:3000')]).toStrictEqual([false, true, true]);
    });
  });

  describe('with LOG_FORMAT=pretty', () => {
    it('writes one readable line: time, level, message, then the other fields', () => {
      const line = written('pretty', false);
      expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Plugboard listening on http:\/\/127\.0\.0\.1:3000 \{"url":"http:\/\/127\.0\.0\.1:3000","store":"pglite"\}\n$/);
    });
  });

  describe('off a terminal without LOG_FORMAT', () => {
    it('writes JSON lines', () => {
      expect(JSON.parse(written(undefined, false))).toMatchObject({ level: 30, msg: 'Plugboard listening on http://127.0.0.1:3000', store: 'pglite' });
    });
  });

  describe('with LOG_FORMAT=json on a terminal', () => {
    it('writes JSON lines', () => {
      expect(JSON.parse(written('json', true))).toMatchObject({ level: 30, msg: 'Plugboard listening on http://127.0.0.1:3000' });
    });
  });
});
