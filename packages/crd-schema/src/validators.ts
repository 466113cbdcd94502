import { Ajv, type ErrorObject } from 'ajv';
import { schemasOfCrd } from './convert.js';

export type CrdValidator = (object: unknown) => readonly ErrorObject[];

/** Compiled strict validators for the served versions of some CRDs, keyed by `apiVersion kind`. */
export function compileCrdValidators(crds: readonly Parameters<typeof schemasOfCrd>[0][]): Map<string, CrdValidator> {
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  const validators = new Map<string, CrdValidator>();
  for (const crd of crds) {
    for (const [key, schema] of schemasOfCrd(crd)) {
      const validate = ajv.compile(schema);
      validators.set(key, (object) => (validate(object) ? [] : [...(validate.errors ?? [])]));
    }
  }
  return validators;
}
