import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { clusterDir } from '../paths.js';
import { argocdNamespace, argoMetadata, IN_CLUSTER, RETRY, revision } from './common.js';

export const ROOT_APPLICATION = 'root';

/**
 * The Application a cluster's Argo CD is bootstrapped with. It deploys the cluster's generated
 * Applications, ApplicationSets, AppProjects, add-on Applications and Argo CD settings, and nothing
 * else in the folder: cluster.yaml is not a Kubernetes object and would fail the sync, and
 * addon-resources/ belongs to the add-ons' own Applications. It has no resources finalizer, so
 * deleting the root never cascades into every app of the cluster.
 */
export function buildRootApplication(fleet: Fleet, cluster: string): KubeObject {
  const metadata = argoMetadata(fleet, ROOT_APPLICATION, cluster, 0);
  delete metadata.annotations;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata,
    spec: {
      project: fleet.argocd?.rootProject ?? 'default',
      source: {
        repoURL: fleet.git.repoURL,
        targetRevision: revision(fleet),
        path: clusterDir(cluster),
        directory: { recurse: true, include: '{apps/*.yaml,appsets/*.yaml,projects/*.yaml,bootstrap/*.yaml,addons/*.yaml}' },
      },
      destination: { server: IN_CLUSTER, namespace: argocdNamespace(fleet) },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: structuredClone(RETRY) },
    },
  };
}
