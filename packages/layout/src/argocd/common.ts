import { MANAGED_BY, SYNC_WAVE_ANNOTATION, type KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';

/** Each cluster runs its own Argo CD, so every Application deploys to the cluster it runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const CLUSTER_LABEL = 'fleetform.io/cluster';

export const argocdNamespace = (fleet: Fleet): string => fleet.argocd?.namespace ?? 'argocd';
export const revision = (fleet: Fleet): string => fleet.git.revision ?? 'main';

/** Retries with backoff, so a sync that races a CRD or a webhook coming up heals itself. */
export const RETRY = { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } as const;

export function argoMetadata(fleet: Fleet, name: string, cluster: string, wave: number, labels: Record<string, string> = {}): KubeObject['metadata'] {
  return {
    name,
    namespace: argocdNamespace(fleet),
    labels: { ...labels, 'app.kubernetes.io/managed-by': MANAGED_BY, [CLUSTER_LABEL]: cluster },
    annotations: { [SYNC_WAVE_ANNOTATION]: String(wave) },
  };
}
