import type { AppFiles, ClusterFile, FleetInputs } from '@fleetform/values';

/**
 * The clusters an app runs on, in name order. `targets.clusters` names them outright; otherwise
 * every cluster whose environment and region are allowed; `excludeClusters` always wins.
 */
export function selectClusters(inputs: FleetInputs, app: AppFiles): ClusterFile[] {
  const targets = app.value.targets ?? {};
  const excluded = new Set(targets.excludeClusters ?? []);
  return [...inputs.clusters.values()].filter((cluster) => {
    if (excluded.has(cluster.name)) return false;
    if (targets.clusters) return targets.clusters.includes(cluster.name);
    const { environment, region } = cluster.value;
    return (!targets.environments || targets.environments.includes(environment)) && (!targets.regions || targets.regions.includes(region));
  });
}
