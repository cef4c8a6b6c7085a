import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isCopyFromStdin } from './copy-from-stdin.ts';
import { storeFault } from './store-errors.ts';

export interface PostgresPoolOptions {
  connectionString: string;
  max: number;
  /** Longest wait for a connection, new or from the pool. */
  connectTimeoutMs: number;
  /** Longest a statement may run (server-side `statement_timeout`; the client gives up a second later). */
  statementTimeoutMs: number;
  /** Told about connection errors that no query is waiting for (a restart, a terminated backend). */
  onConnectionError: (err: Error) => void;
}

/**
 * A `pg` pool that survives its database: connection errors outside a query are reported instead of
 * crashing the process, every wait is bounded, and a connection that failed at the socket level (or
 * timed out, as with a frozen server) is discarded rather than handed out again. New connections are
 * made on demand, so the pool heals by itself when the database returns.
 */
export function createPostgresPool(options: PostgresPoolOptions): PostgresPool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    lock_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs * 6,
    query_timeout: options.statementTimeoutMs + 1_000,
    keepAlive: true,
  });
  pool.on('error', options.onConnectionError);
  // pg-pool only listens for errors on idle clients; a checked-out client that loses its socket between
  // two queries (inside a transaction) would emit an unhandled 'error' and end the process.
  pool.on('connect', (client) => client.on('error', options.onConnectionError));
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect();
      let broken: Error | undefined;
      const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
        try {
          if (isCopyFromStdin(sql, parameters)) return await copyIn(client, sql, parameters[0], options.statementTimeoutMs + 1_000);
          return await client.query(sql, parameters as unknown[]);
        } catch (err) {
          if (storeFault(err) === 'unavailable') broken = err as Error;
          throw err;
        }
      };
      return {
        // Plain statements only: kysely's streaming (cursors) is not used by Plugboard.
        query: query as unknown as PostgresPoolClient['query'],
        release: (discard?: boolean) => client.release(broken ?? (discard ? true : undefined)),
      };
    },
    end: () => pool.end(),
  };
}

/**
 * Runs COPY FROM STDIN with `data` on `client`, answering like a query of the rows copied. `pg`'s
 * query_timeout does not cover a COPY, so it gets the same bound here: a frozen server fails it with
 * pg's own read-timeout message (the store is unavailable, and the connection is discarded).
 */
function copyIn(client: pg.PoolClient, sql: string, data: Uint8Array, timeoutMs: number): Promise<{ command: string; rowCount: number; rows: never[] }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Query read timeout')), timeoutMs);
    const stream = client.query(copyFrom(sql));
    stream.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    stream.on('finish', () => {
      clearTimeout(timer);
      resolve({ command: 'COPY', rowCount: Number(stream.rowCount ?? 0), rows: [] });
    });
    stream.end(data);
  });
}
