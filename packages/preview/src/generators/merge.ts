import { mergeParams, type Params } from '../params.js';
import { runChild } from './entry.js';
import { checkFields, readSpec, type Generator, type Registry } from './generator.js';

/**
 * The merge generator over the generators it is given: the first child's parameter sets, each
 * overridden by the sets of later children that agree with it on every merge key. Sets of the
 * first child that share merge-key values collapse into the first of them, as in Argo CD; the
 * result keeps the first child's order.
 */
export function createMerge(children: Registry): Generator {
  return {
    async generate(raw, at, context) {
      const spec = readSpec(raw, 'merge', at, context);
      if (!spec) return [];
      checkFields(spec, ['generators', 'mergeKeys', 'template'], at, context);
      const { generators, mergeKeys } = spec;
      let valid = true;
      if (!Array.isArray(generators) || generators.length < 2) {
        context.report({ code: 'FF803', message: 'a merge combines at least two generators', path: [...at, 'generators'] });
        valid = false;
      }
      if (!Array.isArray(mergeKeys) || mergeKeys.length === 0 || mergeKeys.some((k) => typeof k !== 'string')) {
        context.report({ code: 'FF803', message: 'a merge needs `mergeKeys`: the parameters whose values must agree', path: [...at, 'mergeKeys'] });
        valid = false;
      }
      if (!valid) return [];
      const keys = [...new Set(mergeKeys as string[])];
      const sets: Params[][] = [];
      for (const [i, child] of (generators as unknown[]).entries()) {
        const params = await runChild(child, [...at, 'generators', i], children, context);
        if (!params) return [];
        sets.push(params);
      }
      if (context.engine.goTemplate) {
        for (const key of keys.filter((k) => k.includes('.') && !sets[0]!.some((p) => k in p))) {
          context.report({
            code: 'FF813',
            severity: 'warning',
            message: `merge key \`${key}\` is no parameter of the first generator: with goTemplate, Argo CD reads merge keys as top-level names, so every set agrees on it`,
            path: [...at, 'mergeKeys'],
            hint: 'merge on a top-level parameter, or use fasttemplate',
          });
        }
      }
      const merged = byMergeKey(keys, sets[0]!);
      for (const overrides of sets.slice(1)) {
        const byKey = byMergeKey(keys, overrides);
        for (const [key, base] of merged) {
          const override = byKey.get(key);
          if (override) merged.set(key, context.engine.goTemplate ? mergeParams(base, override) : { ...base, ...override });
        }
      }
      return [...merged.values()];
    },
  };
}

/** Parameter sets by the JSON of their merge-key values; the first set of a given key wins. */
function byMergeKey(keys: readonly string[], sets: readonly Params[]): Map<string, Params> {
  const result = new Map<string, Params>();
  for (const params of sets) {
    const key = JSON.stringify(Object.fromEntries([...keys].sort().map((k) => [k, params[k] ?? null])));
    if (!result.has(key)) result.set(key, params);
  }
  return result;
}
