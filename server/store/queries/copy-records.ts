import { CompiledQuery } from 'kysely';
import type { Db } from '../db.ts';
import type { RecordWrite } from './hris-records.ts';

/** `COPY ... FROM STDIN` in PostgreSQL's binary format: the data travels as the statement's one parameter (see copy-from-stdin.ts). */
const COPY_INSERT = 'copy hris_records (integration_id, model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, attrs, body, record) from stdin with (format binary)';
const FIELDS = 13;

/** The binary COPY header: signature, flags, header extension length. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

/**
 * Encodes rows for COPY in binary format: per row the field count, then each field as its length and
 * bytes (text and jsonb as UTF-8, jsonb after its version byte; seq as int4; timestamps as int8
 * microseconds since 2000). Every value is written once, straight into one buffer: nothing is parsed
 * again by the database but the jsonb and the UTF-8 check.
 */
export function encodeCopyRows(integrationId: string, rows: readonly RecordWrite[]): Buffer {
  const idBytes = Buffer.byteLength(integrationId);
  let size = HEADER.length + 2;
  for (const r of rows) {
    size += 2 + FIELDS * 4 + idBytes + 4 + 8 + 8 + 1;
    size += Buffer.byteLength(r.model) + Buffer.byteLength(r.id) + Buffer.byteLength(r.remoteId) + Buffer.byteLength(r.ownHash)
      + Buffer.byteLength(r.nestedHash) + Buffer.byteLength(r.bodyHash) + Buffer.byteLength(r.attrs) + Buffer.byteLength(r.body)
      + Buffer.byteLength(r.record);
  }
  const out = Buffer.allocUnsafe(size);
  let at = HEADER.copy(out, 0);
  // A text field; jsonb is its text after a version byte (1).
  const text = (value: string, jsonb = false) => {
    const start = jsonb ? at + 5 : at + 4;
    if (jsonb) out[at + 4] = 1;
    const length = start - at - 4 + out.write(value, start);
    out.writeInt32BE(length, at);
    at += 4 + length;
  };
  const timestamp = (iso: string) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
    at = out.writeInt32BE(8, at);
    at = out.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, at);
  };
  for (const r of rows) {
    at = out.writeInt16BE(FIELDS, at);
    text(integrationId);
    text(r.model);
    at = out.writeInt32BE(4, at);
    at = out.writeInt32BE(r.seq, at);
    text(r.id);
    text(r.remoteId);
    text(r.ownHash);
    text(r.nestedHash);
    text(r.bodyHash);
    timestamp(r.changedAt);
    timestamp(r.updatedAt);
    text(r.attrs, true);
    text(r.body);
    text(r.record);
  }
  at = out.writeInt16BE(-1, at);
  return out.subarray(0, at);
}

/**
 * Inserts new records with one `COPY`, on either store (see copy-from-stdin.ts): the database takes binary
 * rows without parsing statement parameters, and writes them in multi-row inserts.
 */
export async function copyRecords(db: Db, integrationId: string, rows: readonly RecordWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await db.executeQuery(CompiledQuery.raw(COPY_INSERT, [encodeCopyRows(integrationId, rows)]));
}
