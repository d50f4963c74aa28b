import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** Where the JSON Schemas of the kit's own files are, under the kit's root. */
export type SchemaName = 'conformance' | 'conformance-3';

export function schemaPath(root: string, name: SchemaName): string {
  return join(root, 'schemas', `${name}.schema.json`);
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = new Map<SchemaName, Validate>();

/**
 * What is wrong with `data` as a conformance.json (schemas/conformance.schema.json, or an
 * earlier schema's file), as one line, or undefined when nothing is.
 */
export function conformanceProblem(
  root: string,
  data: unknown,
  name: SchemaName = 'conformance',
): string | undefined {
  let validate = validators.get(name);
  if (!validate) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath(root, name), 'utf8'))) as Validate;
    validators.set(name, validate);
  }
  if (validate(data)) return undefined;
  const [error] = validate.errors ?? [];
  if (!error) return 'it does not match the schema';
  const where = error.instancePath || 'the top level';
  const extra =
    error.params && 'additionalProperty' in error.params ? ` (${error.params.additionalProperty})` : '';
  return `${where} ${error.message ?? 'does not match'}${extra}`;
}
