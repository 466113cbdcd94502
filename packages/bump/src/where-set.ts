import type { SourcePosition } from '@fleetform/diagnostics';
import type { AppInstance, Layer } from '@fleetform/resolve';
import type { FleetInputs } from '@fleetform/values';

/** The layer a cluster's image tag or digest comes from: the highest one that sets either. */
export function whereImageIsSet(inputs: FleetInputs, instance: AppInstance): { layer: Layer; position: SourcePosition } | undefined {
  const layer = [...instance.layers].reverse().find((l) => l.values?.image?.tag !== undefined || l.values?.image?.digest !== undefined);
  if (!layer) return undefined;
  const source = sourceOf(inputs, layer.file);
  const key = layer.values?.image?.digest !== undefined ? 'digest' : 'tag';
  const position = source?.positionOf([...layer.path, 'image', key]) ?? { file: layer.file, line: 1, col: 1 };
  return { layer, position };
}

function sourceOf(inputs: FleetInputs, file: string) {
  if (inputs.fleet.file === file) return inputs.fleet.source;
  for (const files of [inputs.apps, inputs.clusters]) {
    for (const value of files.values()) if (value.file === file) return value.source;
  }
  return undefined;
}
