import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeValues } from '@fleetform/resolve';

// Value trees as value files give them: mappings, lists, strings, numbers, booleans and null, with
// keys that include the ones that reach a prototype when handled carelessly.
const key = fc.oneof(fc.constantFrom('a', 'b', 'replicas', 'env', '__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 6 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('mapping')),
  leaf: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)),
  list: fc.array(tie('tree'), { maxLength: 3 }),
  mapping: fc.dictionary(key, tie('tree'), { maxKeys: 4 }).map(asParsed),
}));
const mapping = fc.dictionary(key, tree, { maxKeys: 5 }).map(asParsed);

/** fc.dictionary may build `__proto__` through assignment; a YAML or JSON parser makes it an own key. */
function asParsed(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const hasNull = (value: unknown): boolean =>
  value === null || (typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).some(hasNull));

describe('mergeValues, on random value trees', () => {
  it('never throws and is deterministic', () => {
    fc.assert(
      fc.property(mapping, mapping, (base, over) => {
        const first = mergeValues(base, over);
        expect(JSON.stringify(mergeValues(base, over))).toBe(JSON.stringify(first));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });

  it('removes every key a layer sets to null, and leaves no null from the layer behind', () => {
    fc.assert(
      fc.property(mapping, mapping, (base, over) => {
        const merged = mergeValues<Record<string, unknown>>(base, over);
        for (const [k, v] of Object.entries(over)) {
          if (v === null) expect(Object.hasOwn(merged, k)).toBe(false);
          else expect(hasNull(merged[k]) && !hasNull(base[k])).toBe(false);
        }
      }),
    );
  });

  it('treats merging {} as the identity', () => {
    fc.assert(
      fc.property(mapping, (base) => {
        expect(mergeValues(base, {})).toStrictEqual(base);
        expect(mergeValues(base, undefined)).toBe(base);
      }),
    );
  });

  it('never changes its inputs', () => {
    fc.assert(
      fc.property(mapping, mapping, (base, over) => {
        const before = JSON.stringify([base, over]);
        mergeValues(base, over);
        expect(JSON.stringify([base, over])).toBe(before);
      }),
    );
  });
});
