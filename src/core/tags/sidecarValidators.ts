// The sidecar schemas' validators. Run from source (tests, scripts) they are compiled by ajv on
// first use; in the bundles scripts/build.mjs puts in this module's place the same validators
// generated at build time (ajv standalone code): compiling schema 3 took 70–100 ms of the first
// sidecar read, on the language server's main thread. Only `validatorFor` is part of both.
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import schemaV1 from '../../../schemas/sidecar-v1.schema.json';
import schemaV2 from '../../../schemas/sidecar-v2.schema.json';
import schemaV3 from '../../../schemas/sidecar-v3.schema.json';
import { FORMATS } from './sidecarSchemaFormats';

/** What the build compiles: the schemas by key, ajv's options, and the module whose FORMATS they use. */
export const VALIDATION: { schemas: Record<string, object>; options: Options; formatsModule: string } = {
  schemas: { 1: schemaV1, 2: schemaV2, 3: schemaV3 },
  options: { strict: true },
  formatsModule: './sidecarSchemaFormats',
};

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of one sidecar schema version. */
export function validatorFor(version: 1 | 2 | 3): ValidateFunction {
  const key = String(version);
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ ...VALIDATION.options, formats: FORMATS });
    validate = ajv.compile(VALIDATION.schemas[key]!);
    compiled.set(key, validate);
  }
  return validate;
}
