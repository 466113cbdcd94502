import type { SchemaProblem } from './schema-errors.js';

/** Checks one object of a known apiVersion and kind. Returns its problems; none means valid. */
export type ObjectValidator = (object: unknown) => SchemaProblem[];

/** Where validators come from: the built-in Kubernetes kinds, CRDs, bundled third-party models. */
export interface SchemaSource {
  readonly name: string;
  validatorFor(apiVersion: string, kind: string): Promise<ObjectValidator | undefined>;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group: group!, version: version! };
}
