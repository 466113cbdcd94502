import { formatValue } from './template/go-value.js';

/** One parameter's value: strings for fasttemplate, any JSON value for Go templates. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

/** One parameter set: what a generator yields for one Application. */
export type Params = { [key: string]: ParamValue };

export const isParamMap = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Nested parameters as dotted keys with their values as Go's %v prints them, the way Argo CD
 * flattens them before a post selector matches: `{path: {basename: a}}` gives `path.basename: a`.
 */
export function flattenParams(params: Params, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = prefix + key;
    if (Array.isArray(value)) Object.assign(flat, flattenParams(Object.fromEntries(value.map((v, i) => [String(i), v])), `${name}.`));
    else if (isParamMap(value)) Object.assign(flat, flattenParams(value, `${name}.`));
    else flat[name] = formatValue(value);
  }
  return flat;
}

/**
 * mergo.Merge with WithOverride, as Argo CD combines parameter sets in Go template mode: maps merge
 * key by key, everything else (lists included) from `over` wins.
 */
export function mergeParams(base: Params, over: Params): Params {
  const merged: Params = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isParamMap(current) && isParamMap(value) ? mergeParams(current, value) : value;
  }
  return merged;
}
