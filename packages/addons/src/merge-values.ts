import type { HelmValues } from './model.js';

const isMap = (v: unknown): v is HelmValues => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Merges Helm values as fleetform merges app values: maps merge key by key, lists replace, and
 * `null` removes an inherited key (Helm itself treats a null as "delete the chart's default").
 */
export function mergeValues(...layers: readonly (HelmValues | undefined)[]): HelmValues {
  let merged: HelmValues = {};
  for (const layer of layers) if (layer) merged = mergeTwo(merged, layer);
  return merged;
}

function mergeTwo(lower: HelmValues, upper: HelmValues): HelmValues {
  const out: HelmValues = { ...lower };
  for (const [key, value] of Object.entries(upper)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = mergeTwo(out[key] as HelmValues, value);
    else out[key] = structuredClone(value);
  }
  return out;
}
