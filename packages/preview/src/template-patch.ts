import { isParamMap } from './params.js';

type Json = unknown;

/**
 * A rendered templatePatch applied to an Application the way Kubernetes' strategic merge patch does
 * for Argo CD's types: maps merge key by key, `null` deletes a key, lists replace the whole list,
 * except `metadata.finalizers`, whose patch strategy is to merge (a set union, in order).
 */
export function applyTemplatePatch(target: Record<string, Json>, patch: Record<string, Json>, path: readonly string[] = []): Record<string, Json> {
  const result: Record<string, Json> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const at = [...path, key];
    const current = result[key];
    if (value === null) delete result[key];
    else if (isParamMap(current) && isParamMap(value)) result[key] = applyTemplatePatch(current, value, at);
    else if (at.join('.') === 'metadata.finalizers' && Array.isArray(current) && Array.isArray(value)) result[key] = [...new Set([...current, ...value])];
    else result[key] = value;
  }
  return result;
}

/**
 * A generator's `template` over the ApplicationSet's, as Argo CD merges them (mergo without
 * override): the generator's fields win where they are set; what they leave empty comes from the
 * ApplicationSet's template, maps recursively.
 */
export function overlayTemplate(own: Json, base: Json): Json {
  if (isParamMap(own) && isParamMap(base)) {
    const result: Record<string, Json> = { ...own };
    for (const [key, value] of Object.entries(base)) result[key] = overlayTemplate(own[key], value);
    return result;
  }
  return isEmpty(own) ? base : own;
}

function isEmpty(value: Json): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isParamMap(value) && Object.keys(value).length === 0;
}
