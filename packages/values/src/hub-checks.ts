import { didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import type { PathSegment } from '@fleetform/yaml';
import type { FleetInputs, ValueFile } from './types.js';

const mapping = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Where a value file asks for hub delivery, if it does: its `argocd.delivery`, top level, in a profile, in defaults or in an override. */
function hubRequests(file: ValueFile<unknown>): PathSegment[][] {
  const found: PathSegment[][] = [];
  const visit = (value: unknown, path: PathSegment[]) => {
    const map = mapping(value);
    if (mapping(map.argocd).delivery === 'hub') found.push([...path, 'argocd', 'delivery']);
    for (const [key, child] of Object.entries(map)) if (key !== 'argocd' && typeof child === 'object') visit(child, [...path, key]);
  };
  visit(file.value, []);
  return found;
}

/**
 * The checks of hub delivery that need more than one file: a hub names a cluster of the fleet
 * (FF125), every other cluster names the API server the hub reaches it at (FF126), and no two
 * clusters share one, since Argo CD knows a cluster by its server (FF127).
 */
export function checkHub(inputs: FleetInputs): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { fleet } = inputs;
  const report = (file: ValueFile<unknown>, path: PathSegment[], code: string, message: string, details: Pick<Diagnostic, 'expected' | 'found' | 'hint'>) =>
    diagnostics.push(error(code, message, { position: file.source.positionOf(path), path: `/${path.join('/')}`, ...details }));
  const hub = mapping(mapping(fleet.value).argocd).hub;
  const clusters = [...inputs.clusters.keys()];

  if (hub === undefined) {
    for (const file of [fleet, ...inputs.apps.values()]) {
      for (const path of hubRequests(file)) {
        report(file, path, 'FF125', 'hub delivery needs a hub: clusters/fleet.yaml names none', {
          expected: '`argocd.hub.cluster` in clusters/fleet.yaml',
          hint: `add \`hub: {cluster: NAME}\` under \`argocd\` in clusters/fleet.yaml, NAME the cluster whose Argo CD delivers to the others${clusters.length > 0 ? ` (one of ${clusters.map((c) => `\`${c}\``).join(', ')})` : ''}`,
        });
      }
    }
    return diagnostics;
  }
  const hubCluster = mapping(hub).cluster;
  if (typeof hubCluster !== 'string') return diagnostics;
  if (!inputs.clusters.has(hubCluster)) {
    report(fleet, ['argocd', 'hub', 'cluster'], 'FF125', `the hub \`${hubCluster}\` is not a cluster of the fleet`, {
      expected: clusters.length > 0 ? `one of ${clusters.map((c) => `\`${c}\``).join(', ')}` : 'a cluster folder clusters/NAME/cluster.yaml',
      found: `\`${hubCluster}\``,
      hint: didYouMean(hubCluster, clusters) ?? 'name the cluster whose Argo CD delivers to the others',
    });
    return diagnostics;
  }
  const byServer = new Map<string, string>();
  for (const [name, file] of inputs.clusters) {
    if (name === hubCluster) continue;
    const server = mapping(file.value).server;
    if (typeof server !== 'string' || server === IN_CLUSTER) {
      report(file, typeof server === 'string' ? ['server'] : [], 'FF126', `the hub \`${hubCluster}\` cannot reach cluster \`${name}\`: cluster.yaml names no API server of its own`, {
        expected: '`server: https://…`, the address Argo CD on the hub reaches the cluster at',
        ...(typeof server === 'string' ? { found: `\`${server}\`, the hub's own address` } : {}),
        hint: `add \`server:\` to clusters/${name}/cluster.yaml`,
      });
      continue;
    }
    const other = byServer.get(server);
    if (other !== undefined) {
      report(file, ['server'], 'FF127', `clusters \`${other}\` and \`${name}\` have the same API server`, {
        found: `\`${server}\``,
        hint: 'Argo CD knows a cluster by its server, so the hub would deploy both to one cluster; give each cluster its own',
      });
    }
    byServer.set(server, name);
  }
  return diagnostics;
}
