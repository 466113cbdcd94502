type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Merges `over` onto `base` with fleetform's rules:
 * - mappings merge key by key, recursively;
 * - lists and scalars replace what was there;
 * - `null` removes the key.
 * Neither argument is changed. The result shares the subtrees that the merge did not touch with its
 * inputs (copying every layer of 6,000 app instances is most of a render otherwise), so treat merged
 * values as read-only, as every step after resolution does.
 */
export function mergeValues<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (!isMapping(base) || !isMapping(over)) return withoutNulls(over) as T;
  const result: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete result[key];
    // Own keys only, and defined rather than assigned: with `key in result` and `result[key] = …`,
    // a `__proto__` key would merge into Object.prototype's copy and then replace the result's
    // prototype, and `constructor` would merge into the Object function. The loader refuses these
    // keys (FF004); this keeps the merge safe for any caller.
    else define(result, key, Object.hasOwn(result, key) ? mergeValues(result[key], value) : withoutNulls(value));
  }
  return result as T;
}

/** `null` in a layer only ever means "remove"; on its own it leaves nothing behind. */
function withoutNulls(value: unknown): unknown {
  if (!isMapping(value)) return value;
  let changed = false;
  const entries = Object.entries(value).flatMap(([k, v]) => {
    if (v === null) {
      changed = true;
      return [];
    }
    const cleaned = withoutNulls(v);
    if (cleaned !== v) changed = true;
    return [[k, cleaned] as const];
  });
  return changed ? Object.fromEntries(entries) : value;
}

function define(target: Mapping, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
