import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** Where the JSON Schemas of the kit's own files are, under the kit's root. */
export function schemaPath(root: string, name: 'conformance'): string {
  return join(root, 'schemas', `${name}.schema.json`);
}

let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * What is wrong with `data` as a conformance.json (schemas/conformance.schema.json), as one
 * line, or undefined when nothing is.
 */
export function conformanceProblem(root: string, data: unknown): string | undefined {
  if (!validate) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath(root, 'conformance'), 'utf8')));
  }
  if (validate(data)) return undefined;
  const [error] = validate.errors ?? [];
  if (!error) return 'it does not match the schema';
  const where = error.instancePath || 'the top level';
  const extra =
    error.params && 'additionalProperty' in error.params ? ` (${error.params.additionalProperty})` : '';
  return `${where} ${error.message ?? 'does not match'}${extra}`;
}
