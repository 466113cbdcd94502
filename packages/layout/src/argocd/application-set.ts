import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { argoMetadata } from './common.js';

/** What one app contributes to an ApplicationSet: the fields its Application differs in. */
export interface ApplicationSetElement {
  readonly app: string;
  readonly project: string;
  readonly path: string;
  readonly namespace: string;
  readonly partOf: string;
}

/** What the ApplicationSet controller may do to generated Applications: fleet.yaml's policy, `sync` by default. */
export const applicationsSyncOf = (fleet: Fleet): string => fleet.argocd?.applicationsSync ?? 'sync';

export class ApplicationSetMismatchError extends Error {
  override readonly name = 'ApplicationSetMismatchError';
}

/**
 * One ApplicationSet delivering several apps of a cluster, with a list generator: each element holds
 * what differs between the apps, and the template is the Application fleetform would otherwise write
 * for each (same name, source, destination, sync policy and finalizer). Waves do not order the
 * Applications an ApplicationSet generates, so the template carries none.
 */
export function buildApplicationSet(fleet: Fleet, name: string, cluster: string, elements: readonly ApplicationSetElement[], applications: readonly KubeObject[], wave: number): KubeObject {
  const first = applications[0]!;
  const syncPolicy = (first.spec as { syncPolicy: unknown }).syncPolicy;
  const ignoreDifferences = (first.spec as { ignoreDifferences?: unknown }).ignoreDifferences;
  const syncing = (a: KubeObject) => JSON.stringify([(a.spec as { syncPolicy: unknown }).syncPolicy, (a.spec as { ignoreDifferences?: unknown }).ignoreDifferences]);
  const differing = applications.find((a) => syncing(a) !== syncing(first));
  if (differing) {
    throw new ApplicationSetMismatchError(
      `apps ${first.metadata.name} and ${differing.metadata.name} share ApplicationSet ${name} on cluster ${cluster} but sync differently; give them the same argocd settings or different ApplicationSets`,
    );
  }
  const source = (first.spec as { source: { repoURL: string; targetRevision: string } }).source;
  const metadata = argoMetadata(fleet, name, cluster, wave);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata,
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: elements.map((e) => ({ ...e })) } }],
      template: {
        metadata: {
          name: '{{.app}}',
          labels: { 'app.kubernetes.io/managed-by': 'fleetform', 'app.kubernetes.io/part-of': '{{.partOf}}', 'fleetform.io/cluster': cluster },
          annotations: { 'argocd.argoproj.io/manifest-generate-paths': '/apps/{{.app}}' },
          finalizers: [...(first.metadata.finalizers as string[])],
        },
        spec: {
          project: '{{.project}}',
          source: { repoURL: source.repoURL, targetRevision: source.targetRevision, path: '{{.path}}' },
          destination: { server: (first.spec as { destination: { server: string } }).destination.server, namespace: '{{.namespace}}' },
          syncPolicy: structuredClone(syncPolicy),
          ...(ignoreDifferences ? { ignoreDifferences: structuredClone(ignoreDifferences) } : {}),
        },
      },
      // Deleting the ApplicationSet must never delete every app it delivers.
      syncPolicy: { preserveResourcesOnDeletion: true, applicationsSync: applicationsSyncOf(fleet) },
    },
  };
}
