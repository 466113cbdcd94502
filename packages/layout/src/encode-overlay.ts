import jsonPatch from 'fast-json-patch';
import { applyImageOverrides, buildKustomization, type ImageOverride, type Kustomization, type ParseCache, type Patch } from '@fleetform/kustomize';
import { groupKind, objectId, type KubeObject } from '@fleetform/objects';
import type { FileSet} from './file-set.js';
import { objectFileName } from './file-set.js';

export interface EncodedOverlay {
  readonly kustomization: Kustomization;
  /** Files of the overlay besides kustomization.yaml, by path relative to the overlay folder. */
  readonly files: ReadonlyMap<string, unknown>;
}

/**
 * Encodes the difference between the base and one cluster's objects as a kustomize overlay: the
 * `images` transformer for image references, a JSON 6902 patch for each object that still differs,
 * the objects the base lacks as extra resources, and a `$patch: delete` for each it should not have.
 */
export function encodeOverlay(base: readonly KubeObject[], wanted: readonly KubeObject[], images: readonly ImageOverride[]): EncodedOverlay {
  const transformed = new Map(base.map((o) => [objectId(o), applyImageOverrides(o, images)]));
  const files = new Map<string, unknown>();
  const resources = ['../../base'];
  const patches: Patch[] = [];
  for (const object of wanted) {
    const before = transformed.get(objectId(object));
    if (!before) {
      const file = objectFileName(object);
      files.set(file, object);
      resources.push(file);
      continue;
    }
    const operations = jsonPatch.compare(before, object);
    if (operations.length === 0) continue;
    const file = `patches/${objectFileName(object)}`;
    files.set(file, operations);
    const { group, version, kind } = groupKind(object);
    patches.push({
      path: file,
      target: { ...(group ? { group } : {}), version, kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) },
    });
  }
  const wantedIds = new Set(wanted.map(objectId));
  for (const object of base) {
    if (wantedIds.has(objectId(object))) continue;
    const file = `patches/delete-${objectFileName(object)}`;
    const metadata = { name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
    files.set(file, { $patch: 'delete', apiVersion: object.apiVersion, kind: object.kind, metadata });
    patches.push({ path: file });
  }
  const kustomization: Kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
  if (images.length > 0) kustomization.images = images.map((i) => ({ ...i }));
  if (patches.length > 0) kustomization.patches = patches;
  return { kustomization, files };
}

export class UnfaithfulOverlayError extends Error {
  override readonly name = 'UnfaithfulOverlayError';
}

/**
 * Builds the written overlay in process and checks it gives exactly the wanted objects. A mismatch
 * is a bug in fleetform, never in the user's values, so it throws.
 */
export function assertFaithful(files: FileSet, overlay: string, wanted: readonly KubeObject[], cache?: ParseCache): void {
  const built = buildKustomization(files.tree, overlay, cache);
  const byId = (objects: readonly KubeObject[]) => objects.map((o) => [objectId(o), o] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const [got, want] = [byId(built as KubeObject[]), byId(wanted)];
  const mismatch = want.find(([id, object], i) => got[i]?.[0] !== id || !sameJson(got[i]![1], object));
  if (got.length !== want.length || mismatch) {
    throw new UnfaithfulOverlayError(`${overlay}: kustomize build of the written overlay differs from the wanted objects at ${mismatch?.[0] ?? 'the object count'}`);
  }
}

/**
 * Whether two values have the same JSON, whatever the order of their keys (kustomize does not keep
 * it). A key whose value is undefined is absent, as in JSON.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => sameJson(x[k], y[k]));
}
