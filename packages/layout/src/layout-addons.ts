import { addonsForCluster, apiGroup, needsCrd } from '@fleetform/addons';
import { canonicalize, MANAGED_BY, SYNC_WAVE_ANNOTATION, type KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { addonResourcesName, buildAddonApplication, buildAddonResourcesApplication } from './argocd/addon-application.js';
import { deriveAddonWaves, type AddonUnit, type AppUsage } from './argocd/addon-waves.js';
import { objectFileName, type FileSet } from './file-set.js';
import type { ClusterSummary } from './model.js';
import { clusterDir } from './paths.js';

/** What layoutAddons reads of a cluster's objects: its apps' final objects and the Argo CD objects so far. */
export interface ClusterContent {
  readonly apps: ReadonlyMap<string, readonly KubeObject[]>;
  readonly argocd: KubeObject[];
}

export const addonFile = (cluster: string, name: string): string => `${clusterDir(cluster)}/addons/${name}.yaml`;
export const addonResourcesDir = (cluster: string, addon: string): string => `${clusterDir(cluster)}/addon-resources/${addon}`;

/**
 * Writes a cluster's add-ons: per add-on an Application for its Helm chart in `addons/`, and for the
 * objects it brings beside the chart a second Application and their folder in `addon-resources/`.
 * Their waves come from what the cluster's apps deploy, so it must run after the apps' Applications
 * and ApplicationSets are in `content.argocd`; it appends the add-on Applications there.
 */
export function layoutAddons(files: FileSet, fleet: Fleet, fleetFile: string, cluster: ClusterSummary, content: ClusterContent): void {
  const addons = addonsForCluster(fleet.addons, cluster);
  if (addons.length === 0) return;
  const units: AddonUnit[] = addons.flatMap((addon) => [
    { name: addon.name, provides: addon.provides, needs: addon.needs },
    // The objects serve the same apps as the chart, and need the chart's CRDs first.
    ...(addon.objects.length > 0 ? [{ name: addonResourcesName(addon.name), provides: addon.provides, needs: addon.objects.map((o) => `${apiGroup(o.apiVersion)}/${o.kind}`) }] : []),
  ]);
  const waves = deriveAddonWaves(units, appUsages(content));
  const source = cluster.file ? `${fleetFile} and ${cluster.file}` : fleetFile;
  for (const addon of addons) {
    const application = canonicalize(buildAddonApplication(fleet, addon, cluster.name, waves.get(addon.name)!));
    files.addYaml(addonFile(cluster.name, addon.name), source, application);
    content.argocd.push(application);
    if (addon.objects.length === 0) continue;
    const folder = addonResourcesDir(cluster.name, addon.name);
    for (const object of addon.objects) {
      const labelled = { ...object, metadata: { ...object.metadata, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY, 'app.kubernetes.io/part-of': addon.name } } };
      files.addYaml(`${folder}/${objectFileName(labelled)}`, `the catalogue's ${addon.name} add-on, on ${cluster.file}`, canonicalize(labelled as KubeObject));
    }
    const resources = canonicalize(buildAddonResourcesApplication(fleet, addon, cluster.name, folder, waves.get(addonResourcesName(addon.name))!));
    files.addYaml(addonFile(cluster.name, resources.metadata.name), source, resources);
    content.argocd.push(resources);
  }
}

/** Each app on the cluster with the wave of the Application or ApplicationSet that delivers it. */
function appUsages(content: ClusterContent): AppUsage[] {
  const waves = new Map<string, number>();
  for (const object of content.argocd) {
    const wave = Number(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0);
    if (object.kind === 'Application' && content.apps.has(object.metadata.name)) waves.set(object.metadata.name, wave);
    if (object.kind === 'ApplicationSet') {
      const generators = (object.spec as { generators?: { list?: { elements?: { app?: string }[] } }[] }).generators ?? [];
      for (const element of generators.flatMap((g) => g.list?.elements ?? [])) if (element.app) waves.set(element.app, wave);
    }
  }
  return [...content.apps].map(([app, objects]) => ({
    wave: waves.get(app) ?? 0,
    uses: objects.map((o) => ({ group: apiGroup(o.apiVersion), kind: o.kind })).filter(({ group, kind }) => needsCrd(group, kind)),
  }));
}
