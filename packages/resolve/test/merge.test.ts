import { describe, expect, it } from 'vitest';
import { mergeValues } from '@fleetform/resolve';

describe('mergeValues', () => {
  it('merges mappings key by key', () => {
    expect(mergeValues({ resources: { requests: { cpu: '10m', memory: '64Mi' } } }, { resources: { requests: { cpu: '100m' } } })).toEqual({
      resources: { requests: { cpu: '100m', memory: '64Mi' } },
    });
  });

  it('replaces lists instead of appending to them', () => {
    expect(mergeValues({ args: ['--a', '--b'] }, { args: ['--c'] })).toEqual({ args: ['--c'] });
  });

  it('removes a key set to null', () => {
    expect(mergeValues({ autoscaling: { minReplicas: 2, maxReplicas: 5 }, replicas: 3 }, { autoscaling: null })).toEqual({ replicas: 3 });
  });

  it('leaves no null behind when a layer adds a mapping that contains one', () => {
    expect(mergeValues({}, { env: { A: 'x', B: null } })).toEqual({ env: { A: 'x' } });
  });

  it('changes neither input, copying what it merges', () => {
    const base = { labels: { a: '1' } };
    const over = { labels: { b: '2' } };
    const merged = mergeValues(base, over);
    merged.labels.a = 'changed';
    expect(base).toEqual({ labels: { a: '1' } });
    expect(over).toEqual({ labels: { b: '2' } });
  });

  it('merges __proto__, constructor and prototype keys as plain data, polluting nothing', () => {
    const over = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "a": {"__proto__": {"polluted": 3}}}') as unknown;
    const merged = mergeValues<Record<string, unknown>>({ a: { b: 1 } }, over);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged.polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['a', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(merged, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getPrototypeOf(merged.a)).toBe(Object.prototype);
    expect(Object.keys(merged.a as object)).toEqual(['b', '__proto__']);
  });
});
