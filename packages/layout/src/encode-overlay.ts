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
  const canonical = (objects: readonly KubeObject[]) =>
    objects.map((o) => [objectId(o), JSON.stringify(sortKeys(o))] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  const [got, want] = [canonical(built as KubeObject[]), canonical(wanted)];
  const mismatch = want.find(([id, text], i) => got[i]?.[0] !== id || got[i]?.[1] !== text);
  if (got.length !== want.length || mismatch) {
    throw new UnfaithfulOverlayError(`${overlay}: kustomize build of the written overlay differs from the wanted objects at ${mismatch?.[0] ?? 'the object count'}`);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}
