import type { SourcePosition } from '@fleetform/diagnostics';
import type { Layer } from '@fleetform/resolve';
import type { FleetInputs } from '@fleetform/values';
import type { PathSegment, SourceDocument } from '@fleetform/yaml';

/**
 * Where a merged value of an app on a cluster was written: in the file of the last layer that sets it
 * (fleet.yaml's defaults or a profile, app.yaml, an environment or region in fleet.yaml, a
 * cluster.yaml, an override), or undefined when no layer does. render reports build problems the same way.
 */
export function valuePositions(inputs: FleetInputs, layers: readonly Layer[]): (path: readonly PathSegment[]) => SourcePosition | undefined {
  const sources = new Map<string, SourceDocument>([
    [inputs.fleet.file, inputs.fleet.source],
    ...[...inputs.clusters.values()].map((c) => [c.file, c.source] as const),
    ...[...inputs.apps.values()].map((a) => [a.file, a.source] as const),
  ]);
  return (path) => {
    const layer = [...layers].reverse().find((l) => valueAt(l.values, path) !== undefined);
    return layer && sources.get(layer.file)?.positionOf([...layer.path, ...path]);
  };
}

function valueAt(values: unknown, path: readonly PathSegment[]): unknown {
  let node = values;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
