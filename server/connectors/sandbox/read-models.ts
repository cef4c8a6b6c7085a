import type { ReadModelCoverage } from '../types.ts';
import { UNIFIED_READ_MODEL_FIELDS } from '../unified-fields.ts';

/** Read-model coverage of the Sandbox (every unified field supported). */
export const SANDBOX_READ_MODELS: readonly ReadModelCoverage[] = UNIFIED_READ_MODEL_FIELDS.map(([id, label, fields]) => ({
  id,
  label,
  coverage: 'SUPPORTED',
  fields: fields.split(' ').map((field) => ({ id: field, coverage: 'SUPPORTED' })),
}));
