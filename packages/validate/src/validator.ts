import { error, type Diagnostic } from '@fleetform/diagnostics';
import { missingKey, positionOf, type Manifest } from './manifest.js';
import type { ResourceResult } from './result.js';
import { toDiagnostic, type SchemaProblem } from './schemas/schema-errors.js';
import type { ObjectValidator, SchemaSource } from './schemas/schema-source.js';

export interface ValidatorOptions {
  /** A kind with no schema is skipped instead of being an error. */
  readonly ignoreMissingSchemas?: boolean;
}

/**
 * Validates manifests against the first schema source that knows their kind. Validators are looked up
 * once per apiVersion and kind and reused for every object of that kind.
 */
export class ManifestValidator {
  private readonly cache = new Map<string, Promise<ObjectValidator | undefined>>();
  /**
   * The problems of each object already checked. A rendered fleet hands the same object (one build
   * shared by the clusters that resolve an app alike) once per cluster; its schema's verdict is the
   * same each time, and only the positions it is reported at differ.
   */
  private readonly checked = new WeakMap<object, SchemaProblem[]>();

  constructor(
    private readonly sources: readonly SchemaSource[],
    private readonly options: ValidatorOptions = {},
  ) {}

  private lookup(apiVersion: string, kind: string): Promise<ObjectValidator | undefined> {
    const key = `${apiVersion} ${kind}`;
    let found = this.cache.get(key);
    if (!found) {
      found = (async () => {
        for (const source of this.sources) {
          const validator = await source.validatorFor(apiVersion, kind);
          if (validator) return validator;
        }
        return undefined;
      })();
      this.cache.set(key, found);
    }
    return found;
  }

  async validate(manifest: Manifest): Promise<ResourceResult> {
    const object = (manifest.object ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; generateName?: unknown } };
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : typeof object.metadata?.generateName === 'string' ? `${object.metadata.generateName}{{ generateName }}` : undefined;
    const namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined;
    const base = { file: manifest.file, name, namespace, cluster: manifest.cluster };
    if (typeof object.kind !== 'string' || object.kind === '') return { ...base, status: 'error', diagnostics: [missingKey(manifest, 'kind')] };
    if (typeof object.apiVersion !== 'string' || object.apiVersion === '') {
      return { ...base, kind: object.kind, status: 'error', diagnostics: [missingKey(manifest, 'apiVersion')] };
    }
    const identity = { ...base, apiVersion: object.apiVersion, kind: object.kind };
    const validate = await this.lookup(object.apiVersion, object.kind);
    if (!validate) {
      if (this.options.ignoreMissingSchemas) return { ...identity, status: 'skipped', diagnostics: [] };
      return { ...identity, status: 'error', diagnostics: [missingSchema(manifest, object.apiVersion, object.kind)] };
    }
    let problems = this.checked.get(object);
    if (!problems) {
      problems = validate(object);
      this.checked.set(object, problems);
    }
    const diagnostics = problems.map((problem) => toDiagnostic(manifest, problem));
    return { ...identity, status: diagnostics.length === 0 ? 'valid' : 'invalid', diagnostics };
  }
}

function missingSchema(manifest: Manifest, apiVersion: string, kind: string): Diagnostic {
  return error('FF302', `could not find schema for ${kind} (${apiVersion})`, {
    position: positionOf(manifest, ['kind']),
    path: '/kind',
    hint: 'point --schema-dir at a folder holding its CRD, add the CRD to schemas/crds/, or pass --ignore-missing-schemas',
  });
}
