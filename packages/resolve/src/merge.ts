type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Merges `over` onto `base` with fleetform's rules:
 * - mappings merge key by key, recursively;
 * - lists and scalars replace what was there;
 * - `null` removes the key.
 * Neither argument is changed; the result shares no structure with them.
 */
export function mergeValues<T>(base: T, over: unknown): T {
  if (over === undefined) return clone(base);
  if (!isMapping(base) || !isMapping(over)) return clone(over) as T;
  const result: Mapping = clone(base);
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete result[key];
    else result[key] = key in result ? mergeValues(result[key], value) : withoutNulls(value);
  }
  return result as T;
}

/** `null` in a layer only ever means "remove"; on its own it leaves nothing behind. */
function withoutNulls(value: unknown): unknown {
  if (!isMapping(value)) return clone(value);
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function clone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}
