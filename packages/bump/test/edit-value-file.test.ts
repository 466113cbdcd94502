import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editValueFile, type ValueEdit } from '../src/index.js';
import { changedBlock } from './line-diff.js';

const appYaml = await readFile(join(import.meta.dirname, 'fixtures/fleet/apps/dbupgrade/app.yaml'), 'utf8');

function edit(text: string, edits: ValueEdit[]): string {
  const result = editValueFile('apps/x/app.yaml', text, edits);
  if ('diagnostic' in result) throw new Error(result.diagnostic.message);
  return result.text;
}

describe('editing a value file', () => {
  it('GIVEN the DBUpgrade app.yaml WHEN its tag is set THEN exactly that line changes', () => {
    const after = edit(appYaml, [{ path: ['image', 'tag'], value: 'v1.1.0' }]);
    expect(changedBlock(appYaml, after)).toEqual({ line: 13, removed: ['  tag: v1.0.0'], added: ['  tag: v1.1.0'] });
  });

  it('GIVEN no prod override WHEN the prod tag is set THEN one block is added under overrides.environments, and nothing else moves', () => {
    const after = edit(appYaml, [{ path: ['overrides', 'environments', 'prod', 'image', 'tag'], value: 'v1.1.0' }]);
    const block = changedBlock(appYaml, after);
    expect(block.removed).toEqual([]);
    expect(block.added).toEqual(['    prod:', '      image:', '        tag: v1.1.0']);
    expect(after.startsWith(appYaml.trimEnd())).toBe(true);
  });

  it('GIVEN comments, blank lines, quotes and flow lists THEN they stay as written', () => {
    const text = [
      '# header comment',
      'image:',
      '  repository: web # inline comment',
      '  tag: "1.0"',
      '',
      '# before overrides',
      'overrides:',
      '  regions: {}',
      'ports: [80, 443]',
      '',
    ].join('\n');
    const after = edit(text, [{ path: ['image', 'tag'], value: '1.10' }]);
    expect(changedBlock(text, after)).toEqual({ line: 4, removed: ['  tag: "1.0"'], added: ['  tag: "1.10"'] });
  });

  it('GIVEN a plain tag that would read as a number WHEN set THEN it is quoted, so it stays a string', () => {
    const text = 'image:\n  tag: v1\n';
    expect(edit(text, [{ path: ['image', 'tag'], value: '1.10' }])).toBe('image:\n  tag: "1.10"\n');
  });

  it('GIVEN an empty `overrides:` WHEN an override is added THEN it becomes a mapping in place', () => {
    const text = 'team: web\noverrides:\nnamespace:\n  name: web\n';
    const after = edit(text, [{ path: ['overrides', 'clusters', 'c1', 'image', 'tag'], value: 'v2' }]);
    expect(after).toBe('team: web\noverrides:\n  clusters:\n    c1:\n      image:\n        tag: v2\nnamespace:\n  name: web\n');
  });

  it('GIVEN a digest beside the tag WHEN it is deleted THEN only its line goes', () => {
    const text = `image:\n  tag: v1\n  digest: sha256:${'a'.repeat(64)}\n  repository: web\n`;
    const after = edit(text, [
      { path: ['image', 'tag'], value: 'v2' },
      { path: ['image', 'digest'], delete: true },
    ]);
    expect(after).toBe('image:\n  tag: v2\n  repository: web\n');
  });

  it('GIVEN non-indented lists and padded flow maps THEN the file is still written back as it was', () => {
    const text = 'args:\n- a\n- b\nlabels: { tier: web }\nimage:\n  tag: v1\n';
    expect(edit(text, [{ path: ['image', 'tag'], value: 'v2' }])).toBe(text.replace('v1', 'v2'));
  });

  it('GIVEN a file yaml cannot print back unchanged THEN it refuses with the first line it would rewrite', () => {
    const text = 'image:\n  tag: v1\nlong: >\n  folded\n  text\nmixed: [ a, b ]\nother: [c]\n';
    const result = editValueFile('apps/x/app.yaml', text, [{ path: ['image', 'tag'], value: 'v2' }]);
    expect(result).toMatchObject({ diagnostic: { code: 'FF507', position: { file: 'apps/x/app.yaml' } } });
  });

  it('GIVEN a scalar where a mapping is needed THEN it says which key is in the way', () => {
    const result = editValueFile('apps/x/app.yaml', 'image: web:v1\n', [{ path: ['image', 'tag'], value: 'v2' }]);
    expect(result).toMatchObject({ diagnostic: { code: 'FF507', path: '/image', position: { line: 1, col: 8 } } });
  });
});
