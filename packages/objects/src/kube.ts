import type { KubeObject } from '@fleetform/values';

export type { KubeObject };

/** `group/Kind` as Argo CD and kustomize name it: `apps/Deployment`, `/Service` for the core group. */
export function groupKind(object: Pick<KubeObject, 'apiVersion' | 'kind'>): { group: string; version: string; kind: string } {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  return { group: group!, version: version!, kind: object.kind };
}

/** The identity of an object inside one cluster: `Kind/namespace/name` (namespace empty when cluster-scoped). */
/**
 * `deployment-web.yaml`: the file an app's object is written to, by kind and name, lower-case, as the
 * seed's layout names them. Namespace and API group are not in it, so rejectDuplicates refuses two
 * objects of one app that it would give the same file.
 */
export function objectFileName(object: { kind: string; metadata: { name: string } }): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

export function objectId(object: KubeObject): string {
  return `${groupKind(object).group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Kinds that live outside namespaces. Custom kinds are cluster-scoped when their CRD says so. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'CSIDriver',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeSnapshotClass',
]);

export interface Scopes {
  isClusterScoped(apiVersion: string, kind: string): boolean;
}

/** Built-in knowledge plus the CRDs of the fleet: a custom kind is cluster-scoped if its CRD says `scope: Cluster`. */
export function scopesFrom(crds: readonly KubeObject[]): Scopes {
  const custom = new Map<string, boolean>();
  for (const crd of crds) {
    const spec = crd.spec as { group?: string; names?: { kind?: string }; scope?: string } | undefined;
    if (spec?.group && spec.names?.kind) custom.set(`${spec.group}/${spec.names.kind}`, spec.scope === 'Cluster');
  }
  return {
    isClusterScoped(apiVersion, kind) {
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
      return custom.get(`${group}/${kind}`) ?? CLUSTER_SCOPED_KINDS.has(kind);
    },
  };
}
