import type { SourcePosition } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import type { Values } from '@fleetform/values';
import type { PathSegment } from '@fleetform/yaml';
import type { Manifest } from '../manifest.js';

/** An object a policy looks at, with the manifest it came from (for file:line:col). */
export interface PolicyObject {
  readonly manifest: Manifest;
  readonly object: KubeObject;
}

/** What a policy sees: the objects one app deploys to one cluster (or a cluster's Argo CD objects). */
export interface PolicyContext {
  readonly objects: readonly PolicyObject[];
  readonly environment?: { readonly name: string; readonly immutableTags: boolean; readonly requireDigests?: boolean };
  /** The app whose objects these are, on a rendered fleet. */
  readonly app?: string;
  /** The app's merged values on this cluster, on a rendered fleet. */
  readonly values?: Values;
  /** Where a value of `values` was set (the file of the layer that set it), on a rendered fleet. */
  readonly locate?: (path: readonly PathSegment[]) => SourcePosition | undefined;
  /** What the cluster's add-ons and Argo CD provide (groups, or `group/Kind`), on a rendered fleet. */
  readonly providedGroups?: ReadonlySet<string>;
  /** The cert-manager issuers rendered on the cluster (`issuerKey`), on a rendered fleet. */
  readonly issuers?: ReadonlySet<string>;
}

export interface Finding {
  readonly target: PolicyObject;
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Where to point instead of `path` in the target's manifest: the value that caused the finding. */
  readonly position?: SourcePosition;
  /** How to fix it. */
  readonly hint: string;
}

/** One rule checked on the final objects. Its id is what a waiver names. */
export interface Policy {
  readonly id: string;
  readonly code: string;
  readonly description: string;
  check(context: PolicyContext): Finding[];
}

/**
 * Policies read deep into objects of any kind, custom ones included, whose shapes no type describes;
 * optional chaining over this one loose type is the clearest way to say "read it if it is there".
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Loose = any;

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const waveOf = (o: KubeObject): number => Number(o.metadata.annotations?.[SYNC_WAVE] ?? 0);

type PodSpecAt = { path: PathSegment[]; spec: Record<string, Loose> };

/** The pod spec of a workload kind, wherever the kind keeps it. */
export function podSpecOf(object: KubeObject): PodSpecAt | undefined {
  const spec = object.spec as Record<string, Loose> | undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return { path: ['spec'], spec };
  if (object.kind === 'CronJob') {
    const pod = spec.jobTemplate?.spec?.template?.spec;
    return pod ? { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], spec: pod } : undefined;
  }
  const pod = spec.template?.spec;
  return pod && typeof pod === 'object' ? { path: ['spec', 'template', 'spec'], spec: pod } : undefined;
}

/** Every container and init container of a pod spec, with its path. */
export function containersOf(pod: PodSpecAt): { path: PathSegment[]; container: Record<string, Loose> }[] {
  const list = (field: string) =>
    Array.isArray(pod.spec[field]) ? (pod.spec[field] as Record<string, Loose>[]).map((container, i) => ({ path: [...pod.path, field, i], container })) : [];
  return [...list('initContainers'), ...list('containers')];
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']);
