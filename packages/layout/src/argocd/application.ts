import type { KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet } from '@fleetform/values';
import type { DeliveryValues } from '../delivery-values.js';
import { appDir, overlayDir } from '../paths.js';
import type { ChartRelease } from './chart-release.js';
import { argoMetadata, IN_CLUSTER, RESOURCES_FINALIZER, RETRY, revision } from './common.js';

export const MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';

/**
 * The Argo CD Application that deploys one app's overlay on the cluster whose Argo CD runs it. An app
 * from a Helm chart (`release`) gets two sources: the chart, with its values inline as
 * `helm.valuesObject`, and the overlay of fleetform's own objects (its Namespace at least).
 */
export function buildApplication(fleet: Fleet, app: AppIdentity, cluster: string, overlay: string, values: DeliveryValues, wave: number, release?: ChartRelease): KubeObject {
  const settings = values.argocd ?? {};
  const metadata = argoMetadata(fleet, app.name, cluster, settings.syncWave ?? wave, { 'app.kubernetes.io/part-of': app.partOf });
  // Only a commit under the app's own folder refreshes it, not every commit to this monorepo.
  metadata.annotations = { ...metadata.annotations, [MANIFEST_GENERATE_PATHS]: `/${appDir(app.name)}` };
  metadata.finalizers = [RESOURCES_FINALIZER];
  const syncPolicy: Record<string, unknown> = {};
  if (settings.automated !== false) syncPolicy.automated = { prune: settings.prune ?? true, selfHeal: settings.selfHeal ?? true };
  syncPolicy.syncOptions = ['CreateNamespace=true', 'PrunePropagationPolicy=foreground', 'PruneLast=true', ...(settings.syncOptions ?? [])];
  syncPolicy.retry = structuredClone(RETRY);
  const overlaySource = { repoURL: fleet.git.repoURL, targetRevision: revision(fleet), path: overlayDir(app.name, overlay) };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata,
    spec: {
      project: app.team,
      ...(release ? { sources: [chartSource(release), overlaySource] } : { source: overlaySource }),
      destination: { server: IN_CLUSTER, namespace: app.namespace.name },
      syncPolicy,
    },
  };
}

/**
 * An app whose canary Argo Rollouts routes through Istio: during a rollout the controller moves the
 * weights of the VirtualService named like the Rollout, which git holds at 100/0. Argo CD must
 * neither report that as drift nor, with self-heal, put the weights back mid-rollout; so it ignores
 * route weights, also when it syncs (RespectIgnoreDifferences). On every VirtualService of the app,
 * not by name: the apps of one ApplicationSet share one template.
 */
export function ignoringRolloutWeights(application: KubeObject, objects: readonly Pick<KubeObject, 'kind' | 'metadata'>[]): KubeObject {
  const rollouts = new Set(objects.filter((o) => o.kind === 'Rollout').map((o) => o.metadata.name));
  if (!objects.some((o) => o.kind === 'VirtualService' && rollouts.has(o.metadata.name))) return application;
  const spec = application.spec as { syncPolicy: { syncOptions: string[] } };
  return {
    ...application,
    spec: {
      ...spec,
      ignoreDifferences: [{ group: 'networking.istio.io', kind: 'VirtualService', jqPathExpressions: ['.spec.http[].route[].weight'] }],
      syncPolicy: { ...spec.syncPolicy, syncOptions: [...spec.syncPolicy.syncOptions, 'RespectIgnoreDifferences=true'] },
    },
  };
}

/**
 * Argo CD's Helm source for a chart app. The values are inline rather than in a values file in git:
 * the chart version and its values then change in one object, in one sync, and `fleetform diff`
 * shows a values change on exactly the clusters it reaches.
 */
function chartSource(release: ChartRelease): Record<string, unknown> {
  const helm: Record<string, unknown> = { releaseName: release.releaseName };
  if (Object.keys(release.values).length > 0) helm.valuesObject = structuredClone(release.values);
  return { repoURL: release.repoURL, chart: release.chart, targetRevision: release.version, helm };
}
