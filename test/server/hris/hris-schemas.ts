import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schemas from './hris-schemas.json' with { type: 'json' };

/** ajv-formats is CommonJS with a default export; require() gives the plugin under every module setting. */
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

export type HrisSchemaName = Exclude<keyof typeof schemas, '$comment'>;

const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const compiled = new Map<string, ReturnType<Ajv2020['compile']>>();

/** The ajv errors of validating a response body against the spec's schema for `name` ([] when valid). */
export function hrisSchemaErrors(name: HrisSchemaName, body: unknown): string[] {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(schemas[name] as object);
    compiled.set(name, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
