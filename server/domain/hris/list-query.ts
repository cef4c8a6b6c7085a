import type { AttrFilter, PageQuery } from '../../store/queries/hris-pages.ts';
import { AppError } from '../errors.ts';
import type { ModelKey } from './models.ts';

export type { AttrFilter };

/** A page request, parsed and validated at the edge. */
export interface ListQuery extends PageQuery {
  model: ModelKey;
}

/** Largest sort key a record can have (the `seq` column is a PostgreSQL integer). */
const MAX_SEQ = 2 ** 31 - 1;

interface CursorPayload {
  m: string;
  s: number;
}

/** An opaque keyset cursor: base64url JSON of the model and the last record's sort key. */
export function encodeCursor(model: ModelKey, seq: number): string {
  return Buffer.from(JSON.stringify({ m: model, s: seq } satisfies CursorPayload)).toString('base64url');
}

/** Reads a cursor of `model`; anything else is PLATFORM.INPUT_INVALID naming the parameter. */
export function decodeCursor(model: ModelKey, cursor: string): number {
  const invalid = () => new AppError('PLATFORM.INPUT_INVALID', "Invalid query parameter 'cursor': pass the 'next' value of the previous page of this endpoint unchanged.");
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const p = payload as Partial<CursorPayload> | null;
  // Sort keys are PostgreSQL integers: anything larger was never issued by us.
  if (!p || typeof p !== 'object' || p.m !== model || !Number.isInteger(p.s) || (p.s as number) < 0 || (p.s as number) > MAX_SEQ) throw invalid();
  return p.s as number;
}
