import { scopesFrom, type KubeObject } from '@fleetform/objects';
import type { ChartRelease } from './chart-release.js';
import { IN_CLUSTER } from './common.js';

type GroupKind = { group: string; kind: string };

/** A chart app of a team on a cluster: its chart, and the namespace the chart installs into. */
export interface TeamChart {
  readonly release: ChartRelease;
  readonly namespace: string;
}

const BUILT_IN_SCOPES = scopesFrom([]);
const byGroupKind = (a: GroupKind, b: GroupKind): number => (`${a.group}\u0000${a.kind}` < `${b.group}\u0000${b.kind}` ? -1 : `${a.group}\u0000${a.kind}` > `${b.group}\u0000${b.kind}` ? 1 : 0);

/**
 * Widens a team's AppProject for its chart apps, and no further: each chart's repository as a source,
 * its namespace as a destination, and the kinds the app says its chart renders (cluster-scoped
 * ones, such as a ClusterRole, in the cluster allow list).
 */
export function allowCharts(project: KubeObject, charts: readonly TeamChart[]): KubeObject {
  if (charts.length === 0) return project;
  const spec = project.spec as {
    sourceRepos: string[];
    destinations: { server: string; namespace: string }[];
    clusterResourceWhitelist: GroupKind[];
    namespaceResourceWhitelist: GroupKind[];
  };
  const [own, ...rest] = spec.sourceRepos;
  const repos = [...new Set([...rest, ...charts.map((c) => c.release.repoURL)])].filter((r) => r !== own).sort();
  const destinations = new Map(spec.destinations.map((d) => [`${d.server}\u0000${d.namespace}`, d]));
  for (const { namespace } of charts) destinations.set(`${IN_CLUSTER}\u0000${namespace}`, { server: IN_CLUSTER, namespace });
  const lists = { cluster: [...spec.clusterResourceWhitelist], namespaced: [...spec.namespaceResourceWhitelist] };
  for (const { group, kind } of charts.flatMap((c) => c.release.kinds)) {
    const list = BUILT_IN_SCOPES.isClusterScoped(group ? `${group}/v1` : 'v1', kind) ? lists.cluster : lists.namespaced;
    if (!list.some((e) => e.group === group && e.kind === kind)) list.push({ group, kind });
  }
  return {
    ...project,
    spec: {
      ...spec,
      sourceRepos: own === undefined ? repos : [own, ...repos],
      destinations: [...destinations.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.server < b.server ? -1 : 1)),
      clusterResourceWhitelist: lists.cluster.sort(byGroupKind),
      namespaceResourceWhitelist: lists.namespaced.sort(byGroupKind),
    },
  };
}
