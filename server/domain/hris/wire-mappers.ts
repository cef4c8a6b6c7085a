import type { Prepared, RecordLookup } from '../sync/prepare.ts';
import type { ModelKey } from './models.ts';

/**
 * Turns a prepared record (with its related records reachable through the lookup) into its wire
 * object, without the top-level `changed_at` and `remote_deleted_at` (the store adds those when
 * reading). Implemented by the HTTP layer's mappers and handed to the sync, which renders every record
 * once at write time so reads never re-map.
 */
export type HrisWireMappers = { [M in ModelKey]: (record: Prepared<M>, lookup: RecordLookup) => Record<string, unknown> };
