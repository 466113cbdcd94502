import type { SourcePosition } from '@fleetform/diagnostics';
import type { FleetInputs } from '@fleetform/values';
import type { PathSegment, SourceDocument } from '@fleetform/yaml';
import type { Layer } from './layers.js';

/** The value at `path` in plain data, or undefined where the path leaves it. */
export function valueAt(values: unknown, path: readonly PathSegment[]): unknown {
  let node = values;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Where a merged value of an app on a cluster was written: in the file of the last layer that sets
 * it (fleet.yaml's defaults or a profile, app.yaml, an environment or region in fleet.yaml, a
 * cluster.yaml, an override), or undefined when no layer does. render reports build problems and
 * validate reports policy findings at these positions.
 */
export function valuePositions(inputs: FleetInputs, layers: readonly Layer[]): (path: readonly PathSegment[]) => SourcePosition | undefined {
  const sources = sourcesOf(inputs);
  return (path) => {
    const layer = [...layers].reverse().find((l) => valueAt(l.values, path) !== undefined);
    return layer && sources.get(layer.file)?.positionOf([...layer.path, ...path]);
  };
}

/** Every value file's source by path, made once per set of inputs (a locator is made per app and cluster). */
const sourcesByInputs = new WeakMap<FleetInputs, Map<string, SourceDocument>>();
function sourcesOf(inputs: FleetInputs): Map<string, SourceDocument> {
  let sources = sourcesByInputs.get(inputs);
  if (!sources) {
    sources = new Map<string, SourceDocument>([
      [inputs.fleet.file, inputs.fleet.source],
      ...[...inputs.clusters.values()].map((c) => [c.file, c.source] as const),
      ...[...inputs.apps.values()].map((a) => [a.file, a.source] as const),
    ]);
    sourcesByInputs.set(inputs, sources);
  }
  return sources;
}
