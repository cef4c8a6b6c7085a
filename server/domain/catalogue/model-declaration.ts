import type { ModelKey, RecordOf } from '../hris/models.ts';
import type { Prepared, RecordLookup } from '../sync/prepare.ts';

/**
 * Another record a model's wire object embeds (and `updated_after` watches). The sync derives from these
 * the nested-change key (which moves `updated_at`) and the embedded key (which decides re-rendering).
 * - `one`: a reference by remote ID; the linked record's own changes count.
 * - `many`: references by remote ID; `watch: 'changes'` counts their own changes, `'membership'` only
 *   added/removed references.
 * - `children`: every record of `model` whose `parentRef` is this record's remote ID (added, removed, changed).
 * `field` names the unified field `ref`/`refs` (or, for children, `parentRef`) reads, when it is one field:
 * an incremental sync then finds the stored records referring to a changed one without reading them whole.
 */
export type Relation<M extends ModelKey> =
  | { kind: 'one'; model: ModelKey; ref: (rec: RecordOf<M>) => string | null; field?: string }
  | { kind: 'many'; model: ModelKey; refs: (rec: RecordOf<M>) => readonly string[]; watch: 'changes' | 'membership'; field?: string }
  | { kind: 'children'; model: ModelKey; parentRef(child: RecordOf<ModelKey>): string; field?: string };

/**
 * One query parameter of a list endpoint and the filter it becomes on the stored `attrs[attr]`. The HTTP
 * edge derives the parameter's validation from `kind`:
 * - `ids`: comma-separated strings, matched with `in` (or `overlaps` when the attribute is an array);
 * - `id`: one non-empty string; `enum`: one of `values`; `enums`: comma-separated `values` (plus `null`
 *   when `allowNull`); `contains`: case-insensitive text; `custom_field`: a one-key JSON object;
 * - `date`: a date or date-time compared with `op`, as a `yyyy-MM-dd` day (`as: 'day'`) or an ISO instant.
 */
export type FilterParam =
  | { param: string; kind: 'ids'; attr: string; match?: 'in' | 'overlaps'; lowercase?: boolean }
  | { param: string; kind: 'id'; attr: string }
  | { param: string; kind: 'enum'; attr: string; values: readonly string[] }
  | { param: string; kind: 'enums'; attr: string; values: readonly string[]; allowNull?: boolean }
  | { param: string; kind: 'contains'; attr: string }
  | { param: string; kind: 'custom_field'; attr: string }
  | { param: string; kind: 'date'; attr: string; op: '<' | '<=' | '>=' | '>'; as: 'day' | 'instant' };

/** A `GET /v1/hris/<path>` endpoint reading the model, with its own filter parameters. */
export interface EndpointDeclaration {
  path: string;
  filters: readonly FilterParam[];
}

/**
 * Everything Plugboard knows about one unified model, in one place: how it is stored, filtered,
 * change-tracked and rendered. Adding a model means adding one of these to the catalogue index.
 */
export interface ModelDeclaration<M extends ModelKey = ModelKey> {
  /** Store key (snake_case endpoint name; `groups` for Kombo's teams). */
  key: M;
  /** Kombo read-model ID (`hris_teams` for groups) and its label. */
  readModel: { id: string; label: string };
  /** Whether the wire object carries its own top-level `changed_at` and `remote_deleted_at`. */
  timestamps: boolean;
  /** Unified fields that are relations rather than the record's own data (they feed `updated_after`, not `changed_at`). */
  relationFields: readonly string[];
  /** The records embedded in the wire object, in a fixed order (see Relation). */
  relations: readonly Relation<M>[];
  /** The values the list filters match, stored with the row as `attrs` (Kombo IDs for references). */
  attributes(p: Prepared<M>, lookup: RecordLookup): Record<string, unknown>;
  /**
   * Unified fields holding a remote ID by which an incremental sync looks the model's stored records up
   * (the records referring to a changed one): stored in `attrs` too, under the field's own name (camelCase,
   * never a filter attribute's name), where an index of 0022-hris-lookup-attrs answers the lookup.
   * @default []
   */
  lookupFields?: readonly string[];
  /** The list endpoints reading the model. */
  endpoints: readonly EndpointDeclaration[];
  /** The wire object, without the top-level `changed_at`/`remote_deleted_at` (the store adds those). */
  toWire(p: Prepared<M>, lookup: RecordLookup): Record<string, unknown>;
}

/** Declares a model with its record type checked (the catalogue holds them as ModelDeclaration). */
export const declareModel = <M extends ModelKey>(d: ModelDeclaration<M>): ModelDeclaration => d as unknown as ModelDeclaration;
