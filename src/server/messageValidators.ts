// The validators of every incoming message's params and every command's argument (messageGuard.ts).
// Run from source (tests) they are compiled by ajv when a method is first seen; in the bundles
// scripts/build.mjs puts in this module's place the same validators generated at build time (ajv
// standalone code): compiling them took 171 ms of the server's main thread, 61 ms of it before
// `initialize` was answered. Only `validatorFor` is part of both.
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import { COMMAND_ARGUMENTS } from '../shared/protocol';
import { FORMATS } from './messageSchemaFormats';
import { commandKey, MESSAGE_PARAMS } from './messageSchemas';

/** What the build compiles: the schemas by key, ajv's options, and the module whose FORMATS they use. */
export const VALIDATION: { schemas: Record<string, object>; options: Options; formatsModule: string } = {
  schemas: {
    ...MESSAGE_PARAMS,
    ...Object.fromEntries(Object.entries(COMMAND_ARGUMENTS as Record<string, object>).map(([command, schema]) => [commandKey(command), schema])),
  },
  options: { allErrors: false, strict: true },
  formatsModule: './messageSchemaFormats',
};

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of a method's params or a command's argument (`commandKey`), or undefined when it has no schema. */
export function validatorFor(key: string): ValidateFunction | undefined {
  let validate = compiled.get(key);
  if (!validate) {
    if (!Object.hasOwn(VALIDATION.schemas, key)) return undefined;
    ajv ??= new Ajv({ ...VALIDATION.options, formats: FORMATS });
    validate = ajv.compile(VALIDATION.schemas[key]!);
    compiled.set(key, validate);
  }
  return validate;
}
