import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schemas from './kombo-schemas.json' with { type: 'json' };

export type KomboSchemaName = Exclude<keyof typeof schemas, '$comment'>;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** The ajv errors of validating `body` against one of the spec's response schemas ([] when valid). */
export function schemaErrors(name: KomboSchemaName, body: unknown): string[] {
  const validate = ajv.compile(schemas[name]);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
