import { compileCrdValidators, type CompileOptions, type CrdValidator } from '@fleetform/crd-schema';
import { problemsFromAjv } from './schema-errors.js';
import type { SchemaSource } from './schema-source.js';

type Crd = Parameters<typeof compileCrdValidators>[0][number];

export function isCrd(object: unknown): object is Crd {
  const o = object as { apiVersion?: string; kind?: string; spec?: { versions?: unknown } } | null;
  return o?.apiVersion === 'apiextensions.k8s.io/v1' && o.kind === 'CustomResourceDefinition' && Array.isArray(o.spec?.versions);
}

/**
 * Custom resources checked against the CRDs fleetform found (in --schema-dir, schemas/crds/, and among
 * the manifests themselves: an app that ships a CRD validates its own custom resources), strictly:
 * unknown fields are errors unless the CRD preserves them.
 */
export function crdSchemas(crds: readonly Crd[], options: CompileOptions = {}): SchemaSource {
  let validators: Map<string, CrdValidator> | undefined;
  return {
    name: 'CRDs',
    async validatorFor(apiVersion, kind) {
      validators ??= compileCrdValidators(crds, options);
      const validate = validators.get(`${apiVersion} ${kind}`);
      return validate ? (object) => problemsFromAjv(validate(object), object) : undefined;
    },
  };
}
