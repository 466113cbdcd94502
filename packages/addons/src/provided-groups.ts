import type { ResolvedAddon } from './model.js';

/**
 * The API groups every Kubernetes cluster serves without a CRD. `.k8s.io` alone does not tell:
 * gateway.networking.k8s.io and snapshot.storage.k8s.io are CRDs.
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

/** Each cluster runs its own Argo CD, whose CRDs are there before anything fleetform renders. */
export const ARGO_CD_PROVIDES: readonly string[] = ['argoproj.io/Application', 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet'];

/** The group of an `apiVersion`: `cert-manager.io/v1` → `cert-manager.io`, `v1` → `` (core). */
export const apiGroup = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

/** Whether a set of `provides` entries (groups, or `group/Kind`) covers one kind. */
export function provides(provided: Iterable<string>, group: string, kind: string): boolean {
  for (const entry of provided) if (entry === group || entry === `${group}/${kind}`) return true;
  return false;
}

/** Whether an object of this group and kind needs a CRD some add-on (or the app itself) must install. */
export const needsCrd = (group: string, kind: string): boolean => !BUILT_IN_GROUPS.has(group) && !provides(ARGO_CD_PROVIDES, group, kind);

/** Everything the add-ons of one cluster provide, and Argo CD's own kinds. */
export function providedOnCluster(addons: readonly ResolvedAddon[]): ReadonlySet<string> {
  return new Set([...ARGO_CD_PROVIDES, ...addons.flatMap((a) => a.provides)]);
}
