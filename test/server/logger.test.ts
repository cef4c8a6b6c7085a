import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { requestLogging } from '../../server/http/middleware/request-logging.ts';
import { createLogger } from '../../server/logger.ts';
import { STORE_NAMES, sharedStore } from '../helpers/stores.ts';

/** Values a failing write carries that must never reach a log line. */
const PERSONAL = { name: 'Jane Quinn-Doe', iban: 'DE89370400440532013000', birth: '1984-07-23' };

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe.each(STORE_NAMES)('logging a failed write (%s)', (storeName) => {
  let failure: Error;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    // The unique key itself is personal, as an employee's email would be: the error's detail quotes it.
    const slug = `${PERSONAL.iban}-${crypto.randomUUID()}`;
    await sql`insert into tenants (id, slug, name) values (${crypto.randomUUID()}, ${slug}, ${'first'})`.execute(store.db);
    // A duplicate slug: the error's detail quotes the key, PGlite's `params` hold every value.
    const name = `${PERSONAL.name} ${PERSONAL.iban} ${PERSONAL.birth}`;
    failure = await sql`insert into tenants (id, slug, name) values (${crypto.randomUUID()}, ${slug}, ${name})`
      .execute(store.db)
      .then(
        () => new Error('the write succeeded'),
        (err: Error) => err,
      );
  });

  describe('through the process logger', () => {
    it('keeps the code, table and statement kind and drops every value', () => {
      const { logger, lines } = capture();
      logger.error({ err: failure }, 'sync failed');
      const line = lines.join('');
      for (const value of Object.values(PERSONAL)) expect(line).not.toContain(value);
      expect(JSON.parse(line).err).toMatchObject({ code: '23505', constraint: 'tenants_slug_key' });
      if (storeName === 'pglite') expect(JSON.parse(line).err).toMatchObject({ table: 'tenants', kind: 'INSERT' });
    });
  });

  describe("through the request logging's logger", () => {
    it('drops every value too', () => {
      const { logger, lines } = capture();
      requestLogging(logger).logger.error({ err: failure }, 'unhandled error');
      const line = lines.join('');
      for (const value of Object.values(PERSONAL)) expect(line).not.toContain(value);
      expect(JSON.parse(line).err).toMatchObject({ code: '23505' });
    });
  });

  describe('as the cause of another error', () => {
    it('drops every value of the cause', () => {
      const { logger, lines } = capture();
      logger.warn({ err: new Error('sync write failed', { cause: failure }) }, 'retrying');
      const line = lines.join('');
      for (const value of Object.values(PERSONAL)) expect(line).not.toContain(value);
      expect(JSON.parse(line).err).toMatchObject({ message: 'sync write failed', cause: { code: '23505' } });
    });
  });
});
