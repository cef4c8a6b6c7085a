import { UNIFIED_READ_MODEL_FIELDS } from '../../connectors/unified-fields.ts';
import { HRIS_CATALOGUE } from '../catalogue/index.ts';
import type { ModelKey } from '../hris/models.ts';

/** A field of a read model as the scope configuration offers it. */
export interface ScopeField {
  /** The field's ID as in the API (`first_name`). */
  id: string;
  /** Identifiers and references: the sync needs them to link records, so they cannot be turned off. */
  locked: boolean;
}

/** A unified read model with the fields a scope configuration may turn off. */
export interface ScopeModel {
  /** Kombo's read-model ID (`hris_employees`). */
  id: string;
  label: string;
  model: ModelKey;
  fields: readonly ScopeField[];
}

/** Fields that always stay on: every record's identity. */
export const IDENTITY_FIELDS: readonly string[] = ['id', 'remote_id'];

// Relations that are not named `*_id` on the wire but are references all the same (embedded records).
const REFERENCE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  hris_performance_reviews: ['reviewee', 'reviewer', 'review_cycle'],
  hris_staffing_entities: ['locations', 'legal_entities', 'groups'],
};

// `*_id` fields are references to other records, except these, which are data (a tax number).
const DATA_FIELDS_NAMED_ID: readonly string[] = ['tax_id'];

const isLocked = (modelId: string, field: string): boolean =>
  IDENTITY_FIELDS.includes(field) ||
  (field.endsWith('_id') && !DATA_FIELDS_NAMED_ID.includes(field)) ||
  (REFERENCE_FIELDS[modelId]?.includes(field) ?? false);

const FIELDS = new Map(UNIFIED_READ_MODEL_FIELDS.map(([id, , fields]) => [id, fields.split(' ')]));

/** Every unified read model and its fields, in the catalogue's order, derived from the model catalogue. */
export const SCOPE_CATALOGUE: readonly ScopeModel[] = HRIS_CATALOGUE.map((d) => ({
  id: d.readModel.id,
  label: d.readModel.label,
  model: d.key,
  fields: [...IDENTITY_FIELDS, ...(FIELDS.get(d.readModel.id) ?? [])].map((id) => ({ id, locked: isLocked(d.readModel.id, id) })),
}));

const BY_ID = new Map(SCOPE_CATALOGUE.map((m) => [m.id, m]));
const BY_MODEL = new Map(SCOPE_CATALOGUE.map((m) => [m.model, m]));

/** The scope model of a read-model ID, or undefined for an unknown ID. */
export const scopeModelById = (id: string): ScopeModel | undefined => BY_ID.get(id);

/** The scope model of a store model key. */
export const scopeModelOf = (model: ModelKey): ScopeModel => BY_MODEL.get(model)!;

/** The unified record's property of a field (`first_name` -> `firstName`): unified records are the API's fields in camelCase. */
export const unifiedKeyOf = (field: string): string => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
