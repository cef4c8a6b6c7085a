import { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import schemas from './kombo-schemas.json' with { type: 'json' };

/** ajv-formats is CommonJS with a default export; require() gives the plugin under every module setting. */
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

export type KomboSchemaName = Exclude<keyof typeof schemas, '$comment'>;

const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

/** The ajv errors of validating `body` against one of the spec's response schemas ([] when valid). */
export function schemaErrors(name: KomboSchemaName, body: unknown): string[] {
  const validate = ajv.compile(schemas[name]);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
