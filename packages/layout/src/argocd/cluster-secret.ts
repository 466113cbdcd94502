import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { argoMetadata, IN_CLUSTER } from './common.js';

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/** The labels fleetform writes on a cluster Secret, which the hub's clusters generators select on. */
export const CLUSTER_SECRET_LABELS = { environment: 'env', region: 'region', name: 'name' } as const;

/** What a cluster Secret is made of: the cluster's name, environment, region, API server and labels. */
export interface ClusterTarget {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly server?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export const clusterSecretName = (cluster: string): string => `cluster-${cluster}`;

/** The wave of the cluster Secrets: before the ApplicationSets whose clusters generators read them. */
export const CLUSTER_SECRET_WAVE = -3;

/**
 * Where an Argo CD on `hub` reaches a cluster: in-cluster for the hub itself, else cluster.yaml's
 * `server` (in-cluster too when it names none, as for a fleet with no hub).
 */
export const serverFrom = (cluster: ClusterTarget, hub: string | undefined): string => (cluster.name === hub ? IN_CLUSTER : (cluster.server ?? IN_CLUSTER));

/**
 * The declarative Argo CD cluster Secret of one cluster, as the hub's Argo CD holds it: its name and
 * server, and the labels env, region and name (over the cluster's own labels) that the clusters
 * generators select on. It has no `config`: credentials never go to git. A team supplies them into
 * this Secret, for example with an ExternalSecret targeting it with `creationPolicy: Merge`, or a
 * kustomize patch in their own deployment of the hub; the in-cluster Secret of the hub needs none.
 */
export function buildClusterSecret(fleet: Fleet, cluster: ClusterTarget, hub: string | undefined): KubeObject {
  const labels = {
    ...cluster.labels,
    [CLUSTER_SECRET_LABELS.environment]: cluster.environment,
    [CLUSTER_SECRET_LABELS.region]: cluster.region,
    [CLUSTER_SECRET_LABELS.name]: cluster.name,
    [SECRET_TYPE_LABEL]: 'cluster',
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: argoMetadata(fleet, clusterSecretName(cluster.name), hub ?? cluster.name, CLUSTER_SECRET_WAVE, labels),
    type: 'Opaque',
    stringData: { name: cluster.name, server: serverFrom(cluster, hub) },
  };
}
