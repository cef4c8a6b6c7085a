import { sql } from 'kysely';
import type { Db } from '../db.ts';

/** One table's activity since it was last vacuumed or analyzed, as the statistics collector counts it. */
export interface TableActivity {
  schema: string;
  table: string;
  liveRows: number;
  deadRows: number;
  changedSinceAnalyze: number;
}

/**
 * Every table of the database outside PostgreSQL's own schemas, with its counters. A backend reports
 * its counts at most once a second; the first statement has what it holds reported first.
 */
export async function listTableActivity(db: Db): Promise<TableActivity[]> {
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ schema: string; table: string; live: string; dead: string; changed: string }>`
    select schemaname as schema, relname as table, n_live_tup::text as live, n_dead_tup::text as dead, n_mod_since_analyze::text as changed
    from pg_stat_user_tables
    order by schemaname, relname
  `.execute(db);
  return rows.map((r) => ({ schema: r.schema, table: r.table, liveRows: Number(r.live), deadRows: Number(r.dead), changedSinceAnalyze: Number(r.changed) }));
}

/** Reclaims a table's dead rows and refreshes its planner statistics (never inside a transaction). */
export async function vacuumAnalyzeTable(db: Db, schema: string, table: string): Promise<void> {
  await sql`vacuum (analyze) ${sql.id(schema, table)}`.execute(db);
}

/** Refreshes a table's planner statistics. */
export async function analyzeTable(db: Db, schema: string, table: string): Promise<void> {
  await sql`analyze ${sql.id(schema, table)}`.execute(db);
}
