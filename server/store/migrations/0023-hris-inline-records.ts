import { type Kysely, sql } from 'kysely';

/** A stored record's row is compressed only when it exceeds this many bytes (the most PostgreSQL allows; its default is about 2 KB). */
const TOAST_TUPLE_TARGET = 8160;

/**
 * An employee's row (wire JSON and unified JSON) measures 5-9 KB, the rows of other models under 2 KB.
 * Above PostgreSQL's default target of about 2 KB every employee row was compressed with pglz, and on
 * the embedded store, where pglz runs as WebAssembly, that was the largest single cost of a sync's
 * write: 0.6-0.8 s of a 10k Sandbox sync (profiles), against 0.14 s with rows up to 8 KB kept as
 * written. The price is disk: that company's records take 150 MB instead of 114 MB. Reads skip the
 * decompression. Rows written before keep their form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hris_records', 'hris_record_stage']) {
    await sql`alter table ${sql.table(table)} set (toast_tuple_target = ${sql.lit(TOAST_TUPLE_TARGET)})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hris_records', 'hris_record_stage']) {
    await sql`alter table ${sql.table(table)} reset (toast_tuple_target)`.execute(db);
  }
}
