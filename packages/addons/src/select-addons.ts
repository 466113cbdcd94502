import { catalogueEntry } from './catalogue.js';
import { mergeValues } from './merge-values.js';
import type { AddonCluster, FleetAddon, ResolvedAddon } from './model.js';
import { addonValueLayers } from './value-layers.js';

/**
 * Whether a fleet add-on goes to a cluster. Without `targets`, every cluster gets it; `clusters`
 * names them outright; otherwise environments, regions and labels all narrow it down. cluster.yaml's
 * `enabled` wins over both: a cluster can opt in to an add-on or out of it.
 */
export function addonTargetsCluster(name: string, addon: FleetAddon, cluster: AddonCluster): boolean {
  const enabled = cluster.addons?.[name]?.enabled;
  if (enabled !== undefined) return enabled;
  const targets = addon.targets;
  if (!targets) return true;
  if (targets.clusters) return targets.clusters.includes(cluster.name);
  const labels = cluster.labels ?? {};
  return (
    (!targets.environments || targets.environments.includes(cluster.environment)) &&
    (!targets.regions || targets.regions.includes(cluster.region)) &&
    Object.entries(targets.labels ?? {}).every(([key, value]) => labels[key] === value)
  );
}

/**
 * The add-ons of one cluster, in name order, each with its chart and its values merged:
 * catalogue defaults < fleet values < environment < region < cluster override < cluster.yaml.
 * The chart version is cluster.yaml's, else fleet.yaml's, else the catalogue's.
 * An add-on whose chart is incomplete is skipped here; the value checks report it.
 */
export function addonsForCluster(addons: Readonly<Record<string, FleetAddon>> | undefined, cluster: AddonCluster): ResolvedAddon[] {
  const resolved: ResolvedAddon[] = [];
  for (const name of Object.keys(addons ?? {}).sort()) {
    const addon = addons![name]!;
    if (!addonTargetsCluster(name, addon, cluster)) continue;
    const known = catalogueEntry(addon.catalogue);
    const repoURL = addon.chart?.repoURL ?? known?.repoURL;
    const chart = addon.chart?.chart ?? known?.chart;
    const version = cluster.addons?.[name]?.version ?? addon.chart?.version ?? known?.version;
    if (repoURL === undefined || chart === undefined || version === undefined) continue;
    resolved.push({
      name,
      repoURL,
      chart,
      version,
      namespace: addon.namespace ?? known?.namespace ?? name,
      values: mergeValues(...addonValueLayers(name, addon, cluster).map((layer) => layer.values)),
      serverSideApply: addon.serverSideApply ?? known?.serverSideApply ?? false,
      provides: addon.provides ?? known?.provides ?? [],
      needs: addon.needs ?? known?.needs ?? [],
      objects: structuredClone(known?.objects ?? []),
      ignoreDifferences: known?.ignoreDifferences ?? [],
    });
  }
  return resolved;
}
