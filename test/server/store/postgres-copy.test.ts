import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { createPostgresPool } from '../../../server/store/postgres-pool.ts';
import { storeFault } from '../../../server/store/store-errors.ts';
import { workerPostgresUrl } from '../../helpers/stores.ts';

const postgresUrl = workerPostgresUrl();
const TABLE = `copy_probe_${process.pid}`;

/** One row of one text column, in COPY's binary format. */
const oneRow = (text: string) => {
  const value = Buffer.from(text);
  const row = Buffer.alloc(2 + 4);
  row.writeInt16BE(1, 0);
  row.writeInt32BE(value.length, 2);
  return Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8), row, value, Buffer.from([0xff, 0xff])]);
};

// COPY FROM STDIN runs outside pg's query_timeout, so the pool bounds it itself.
describe.runIf(postgresUrl)('COPY FROM STDIN through the PostgreSQL pool', () => {
  let db: Kysely<unknown>;
  beforeAll(async () => {
    const pool = createPostgresPool({ connectionString: postgresUrl, max: 2, connectTimeoutMs: 2_000, statementTimeoutMs: 1_000, onConnectionError: () => {} });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await sql`create table ${sql.table(TABLE)} (a text not null)`.execute(db);
  });
  afterAll(async () => {
    await sql`drop table if exists ${sql.table(TABLE)}`.execute(db);
    await db.destroy();
  });

  it('copies the rows and answers with how many', async () => {
    const result = await db.executeQuery(CompiledQuery.raw(`copy ${TABLE} (a) from stdin with (format binary)`, [oneRow('Zoë 😀')]));
    expect(result.rows).toStrictEqual([]);
    expect((await sql<{ a: string }>`select a from ${sql.table(TABLE)}`.execute(db)).rows).toStrictEqual([{ a: 'Zoë 😀' }]);
  });

  it('fails as unavailable within its bound when the server freezes mid-COPY, and the pool goes on with a new connection', async () => {
    const outcome = await db.connection().execute(async (conn) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      const pid = rows[0]!.pid;
      process.kill(pid, 'SIGSTOP');
      const started = Date.now();
      try {
        const err = await conn.executeQuery(CompiledQuery.raw(`copy ${TABLE} (a) from stdin with (format binary)`, [oneRow('frozen')])).then(() => null, (e: Error) => e);
        return { err, ms: Date.now() - started };
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    });
    expect(outcome.err?.message).toBe('Query read timeout');
    expect(storeFault(outcome.err)).toBe('unavailable');
    expect(outcome.ms).toBeLessThan(5_000);
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toStrictEqual([{ one: 1 }]);
  }, 30_000);
});
