import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { KubeObject } from '@fleetform/objects';
import { toYaml } from '@fleetform/yaml';
import { diffImages, type ImageChange } from './image-changes.js';
import { compareRefs, compareText, objectPath, refKey, refOf, type ObjectRef } from './object-ref.js';

/** The final objects each cluster receives, by cluster name. */
export type FleetObjects = ReadonlyMap<string, readonly KubeObject[]>;

export type Change = 'added' | 'removed' | 'changed';

export interface ObjectChange {
  readonly change: Change;
  readonly ref: ObjectRef;
  /** The unified diff of the object's YAML; an added object is diffed against /dev/null, a removed one against it. */
  readonly patch: string;
}

export interface ClusterDiff {
  readonly cluster: string;
  readonly change: Change;
  readonly objects: readonly ObjectChange[];
  readonly images: readonly ImageChange[];
}

/** Context lines around each change, as git prints them. */
const CONTEXT = 3;

/**
 * What changes between two renders, per cluster and per object, in cluster then object order.
 * Clusters that receive exactly the same objects are left out.
 */
export function diffClusters(before: FleetObjects, after: FleetObjects): ClusterDiff[] {
  const clusters = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  return clusters.flatMap((cluster) => {
    const [old, now] = [before.get(cluster), after.get(cluster)];
    const objects = diffObjects(cluster, old ?? [], now ?? []);
    if (old && now && objects.length === 0) return [];
    const change: Change = !old ? 'added' : !now ? 'removed' : 'changed';
    return [{ cluster, change, objects, images: diffImages(old ?? [], now ?? []) }];
  });
}

function diffObjects(cluster: string, before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] {
  // Render refuses two objects with one identity on a cluster (FF213, FF214), so a key is unique per side.
  const yamlById = (objects: readonly KubeObject[]) => new Map(objects.map((o) => [refKey(refOf(o)), { ref: refOf(o), yaml: toYaml(o) }]));
  const [old, now] = [yamlById(before), yamlById(after)];
  const changes: ObjectChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const [from, to] = [old.get(key), now.get(key)];
    if (from && to && from.yaml === to.yaml) continue;
    const { ref } = (to ?? from)!;
    const path = `${cluster}/${objectPath(ref)}`;
    const patch = createTwoFilesPatch(from ? `a/${path}` : '/dev/null', to ? `b/${path}` : '/dev/null', from?.yaml ?? '', to?.yaml ?? '', undefined, undefined, {
      context: CONTEXT,
      headerOptions: FILE_HEADERS_ONLY,
    });
    changes.push({ change: !from ? 'added' : !to ? 'removed' : 'changed', ref, patch });
  }
  return changes.sort((a, b) => compareRefs(a.ref, b.ref));
}

export interface DiffSummary {
  readonly clusters: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export function summarize(diffs: readonly ClusterDiff[]): DiffSummary {
  const count = (change: Change) => diffs.reduce((n, d) => n + d.objects.filter((o) => o.change === change).length, 0);
  return { clusters: diffs.length, added: count('added'), removed: count('removed'), changed: count('changed') };
}

/** The shape of a render's per-cluster objects (FleetLayout['clusters'] in @fleetform/layout). */
export interface RenderedClusters {
  readonly clusters: ReadonlyMap<string, { readonly apps: ReadonlyMap<string, readonly KubeObject[]>; readonly argocd: readonly KubeObject[] }>;
}

/** Every object each cluster receives, its apps' and its Argo CD objects, for diffClusters. */
export function objectsOfLayout(layout: RenderedClusters): FleetObjects {
  return new Map([...layout.clusters].map(([cluster, objects]) => [cluster, [...[...objects.apps.values()].flat(), ...objects.argocd]]));
}
