import type { Layer } from '@fleetform/resolve';
import type { Values } from '@fleetform/values';

/** One value of an app on a cluster, and the layer it comes from. */
export interface ValueOrigin {
  /** Keys from the root of the values, e.g. `['workloads', 'api', 'replicas']`. */
  readonly path: readonly string[];
  /** A scalar, a list (lists replace as a whole), or an empty map. */
  readonly value: unknown;
  readonly layer: Layer;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(values: unknown, path: readonly string[]): unknown {
  let node = values;
  for (const key of path) {
    if (!isMapping(node)) return undefined;
    node = node[key];
  }
  return node;
}

function leaves(values: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (!isMapping(values) || (Object.keys(values).length === 0 && path.length > 0)) return [{ path, value: values }];
  return Object.entries(values).flatMap(([key, value]) => leaves(value, [...path, key]));
}

/**
 * Every value of the merged values with the layer that set it: the last layer that holds a value at
 * that path. A later layer could only have replaced it (then it would be the last) or removed it with
 * `null` (then a still later layer set it again, or it would not be in the merged values), so the
 * last layer that writes there is the one the value comes from.
 */
export function valueOrigins(merged: Values, layers: readonly Layer[]): ValueOrigin[] {
  return leaves(merged).flatMap(({ path, value }) => {
    const layer = layers.findLast((l) => {
      const set = valueAt(l.values, path);
      return set !== undefined && set !== null;
    });
    return layer ? [{ path, value, layer }] : [];
  });
}
