import type { ResolvedAddon } from '@fleetform/addons';
import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { argoMetadata, IN_CLUSTER, RETRY, revision } from './common.js';

/** Marks the Applications that deliver add-ons, and names the add-on. */
export const ADDON_LABEL = 'fleetform.io/addon';
export const ADDON_PART_OF = 'cluster-addons';

/** The Application that delivers an add-on's own objects (cert-manager's ClusterIssuer). */
export const addonResourcesName = (addon: string): string => `${addon}-resources`;

/**
 * The Argo CD Application that installs an add-on's Helm chart on the cluster whose Argo CD runs it.
 *
 * It has no resources finalizer, unlike an app's Application: charts template their CRDs, and a
 * cascading delete of the add-on would delete every Certificate or ServiceMonitor of every app with
 * them. Removing an add-on from the values orphans the chart instead; a person uninstalls it.
 * Its project is the root's, since the chart's templates, and so the kinds an AppProject would have
 * to allow, cannot be known offline.
 */
export function buildAddonApplication(fleet: Fleet, addon: ResolvedAddon, cluster: string, wave: number): KubeObject {
  const metadata = argoMetadata(fleet, addon.name, cluster, wave, { 'app.kubernetes.io/part-of': ADDON_PART_OF, [ADDON_LABEL]: addon.name });
  const source: Record<string, unknown> = { repoURL: addon.repoURL, chart: addon.chart, targetRevision: addon.version };
  if (Object.keys(addon.values).length > 0) source.helm = { valuesObject: structuredClone(addon.values) };
  const spec: Record<string, unknown> = {
    project: fleet.argocd?.rootProject ?? 'default',
    source,
    destination: { server: IN_CLUSTER, namespace: addon.namespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', ...(addon.serverSideApply ? ['ServerSideApply=true'] : [])],
      retry: structuredClone(RETRY),
    },
  };
  if (addon.ignoreDifferences.length > 0) spec.ignoreDifferences = addon.ignoreDifferences.map((d) => ({ ...d, jqPathExpressions: [...d.jqPathExpressions] }));
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata, spec };
}

/**
 * The Application for the objects an add-on brings beside its chart, from a folder fleetform writes.
 * A second Application rather than a second source of the chart's: in a later wave it starts only
 * once the chart's Application is healthy, so a ClusterIssuer meets a running cert-manager webhook
 * instead of failing the whole chart's sync until a retry.
 */
export function buildAddonResourcesApplication(fleet: Fleet, addon: ResolvedAddon, cluster: string, path: string, wave: number): KubeObject {
  const metadata = argoMetadata(fleet, addonResourcesName(addon.name), cluster, wave, { 'app.kubernetes.io/part-of': ADDON_PART_OF, [ADDON_LABEL]: addon.name });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata,
    spec: {
      project: fleet.argocd?.rootProject ?? 'default',
      source: { repoURL: fleet.git.repoURL, targetRevision: revision(fleet), path },
      destination: { server: IN_CLUSTER, namespace: addon.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: structuredClone(RETRY) },
    },
  };
}
