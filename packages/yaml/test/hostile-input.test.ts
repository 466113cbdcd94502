import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, parseYamlStream } from '@fleetform/yaml';

const laughs = (levels: number): string => {
  let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= levels; i++) text += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
  return text;
};

describe('parseYamlStream on hostile input', () => {
  it('refuses a billion-laughs document with one error at its first alias, quickly', () => {
    const started = Date.now();
    const { documents, diagnostics } = parseYamlStream(laughs(9), 'bomb.yaml');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(documents).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FF006', message: 'YAML aliases expand too much', position: { file: 'bomb.yaml', line: 2, col: 10 } });
  });

  it('still accepts an anchor used a few times', () => {
    const { documents, diagnostics } = parseYamlStream('base: &b {cpu: 1}\none: *b\ntwo: *b\n', 'ok.yaml');
    expect(diagnostics).toEqual([]);
    expect(documents[0]!.value).toEqual({ base: { cpu: 1 }, one: { cpu: 1 }, two: { cpu: 1 } });
  });

  it('refuses nesting deeper than the limit with one error, even deep enough to exhaust the parser', () => {
    for (const depth of [MAX_NESTING_DEPTH + 5, 20_000]) {
      const { documents, diagnostics } = parseYamlStream(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'deep.yaml');
      expect(documents).toEqual([]);
      expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['FF005', 'YAML nested too deeply']]);
    }
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_NESTING_DEPTH - 1;
    const { diagnostics } = parseYamlStream(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'ok.yaml');
    expect(diagnostics).toEqual([]);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, each at its key', () => {
    const text = 'a:\n  __proto__:\n    polluted: 1\nb: [{constructor: x}]\nc:\n  prototype: 1\n';
    const { documents, diagnostics } = parseYamlStream(text, 'keys.yaml');
    expect(documents).toEqual([]);
    expect(diagnostics.map((d) => `${d.code} ${d.path} ${d.position!.line}:${d.position!.col}`)).toEqual([
      'FF004 /a/__proto__ 2:3',
      'FF004 /b/0/constructor 4:6',
      'FF004 /c/prototype 6:3',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
