import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type DatabaseIntrospector,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { type PGliteFiles, runPGliteQuery } from './copy-from-stdin.ts';

interface PGliteResults<R> {
  rows: R[];
  affectedRows?: number;
}

/** What runs one statement: PGlite itself, or one of its transactions (see runPGliteQuery). */
interface PGliteQueryable {
  query<R>(sql: string, params?: unknown[], options?: { rowMode?: 'object' }): Promise<PGliteResults<R>>;
  readonly relaysStatements?: boolean;
}

/**
 * What the dialect uses of PGlite: the instance in this thread, or a client of the store's own thread
 * (`pglite-remote.ts`).
 */
export interface PGliteLike extends PGliteQueryable {
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
  /** PGlite's Emscripten module, when it runs in this thread (its files carry a COPY's data). */
  readonly Module?: { FS: PGliteFiles };
  transaction<T>(callback: (tx: PGliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One unit of work over PGlite. Outside a transaction each query goes straight to PGlite,
 * which runs one at a time on its own lock. A transaction holds that lock from BEGIN until COMMIT or
 * ROLLBACK (PGlite's `transaction()`), so inside one every query must go through its `trx`: a query
 * on the outer `db` would wait for a lock its own transaction holds.
 */
class PGliteConnection implements DatabaseConnection {
  private tx: PGliteQueryable | undefined;
  private end: { commit: () => void; rollback: (reason: Error) => void } | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly pglite: PGliteLike) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await runPGliteQuery<PGliteResults<R>>(this.tx ?? this.pglite, query.sql, query.parameters as unknown[], this.pglite.Module?.FS);
    return { rows: result.rows ?? [], numAffectedRows: result.affectedRows == null ? undefined : BigInt(result.affectedRows) };
  }

  // PGlite answers whole results only.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The embedded store cannot stream query results.');
  }

  /** Resolves once PGlite has begun the transaction (it may first wait for another one to end). */
  async begin(): Promise<void> {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const ended = new Promise<void>((commit, rollback) => (this.end = { commit, rollback }));
    this.closed = this.pglite.transaction(async (tx) => {
      this.tx = tx;
      begun();
      await ended;
    });
    // A BEGIN that fails (a closed store) rejects `closed` without ever starting.
    await Promise.race([started, this.closed]);
  }

  /** Commits; a transaction an earlier error aborted rejects here with PostgreSQL's error. */
  async commit(): Promise<void> {
    this.end?.commit();
    try {
      await this.closed;
    } finally {
      this.reset();
    }
  }

  async rollback(): Promise<void> {
    this.end?.rollback(new Error('rolled back'));
    await this.closed?.catch(() => {});
    this.reset();
  }

  private reset(): void {
    this.tx = this.end = this.closed = undefined;
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pglite: PGliteLike) {}

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  // A connection object per unit of work: concurrent transactions each keep their own state and queue
  // on PGlite's lock.
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pglite);
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PGliteConnection).begin();
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PGliteConnection).commit();
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PGliteConnection).rollback();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/**
 * Kysely over PGlite (in this thread or the store's), with PostgreSQL's SQL dialect. Ours because the dialect kysely
 * ships from 0.29 on comes only with a release that needs Node 22, and Plugboard runs on Node 20.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGliteLike) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
