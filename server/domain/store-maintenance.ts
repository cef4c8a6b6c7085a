import type { Db } from '../store/db.ts';
import { analyzeTable, listTableActivity, type TableActivity, vacuumAnalyzeTable } from '../store/queries/table-maintenance.ts';

/**
 * PostgreSQL's autovacuum thresholds (its defaults): a table is analyzed once more than 50 rows plus a
 * tenth of its rows changed since its last analysis, vacuumed once more than 50 rows plus a fifth of
 * its rows are dead.
 */
const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;

export type MaintenanceStep = 'vacuum' | 'analyze';

/** What the maintenance did to one table (`schema.table`). */
export interface MaintenanceDone {
  table: string;
  step: MaintenanceStep;
}

/** What a table needs, by autovacuum's rules: a vacuum (which analyzes too), an analysis, or nothing. */
export function maintenanceStep(t: TableActivity): MaintenanceStep | null {
  if (t.deadRows > VACUUM_BASE + VACUUM_SCALE * t.liveRows) return 'vacuum';
  if (t.changedSinceAnalyze > ANALYZE_BASE + ANALYZE_SCALE * t.liveRows) return 'analyze';
  return null;
}

/**
 * The embedded store's autovacuum. PGlite runs PostgreSQL in single-user mode, without the autovacuum
 * daemon: left alone, its planner never has statistics (it guesses, e.g., that an environment holds 31
 * of 10,000 integrations and scans them all for a search) and rows that syncs replace are never
 * reclaimed. This applies autovacuum's rules to every table, one at a time, and returns what it did.
 * PostgreSQL servers have the daemon and never run this.
 */
export async function maintainEmbeddedStore(db: Db): Promise<MaintenanceDone[]> {
  const done: MaintenanceDone[] = [];
  for (const t of await listTableActivity(db)) {
    const step = maintenanceStep(t);
    if (!step) continue;
    await (step === 'vacuum' ? vacuumAnalyzeTable : analyzeTable)(db, t.schema, t.table);
    done.push({ table: `${t.schema}.${t.table}`, step });
  }
  return done;
}
