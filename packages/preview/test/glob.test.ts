import { describe, expect, it } from 'vitest';
import { gitPathspecMatch, pathMatch } from '../src/glob.js';

describe('Go’s path.Match, for the directories generator', () => {
  it.each([
    ['apps/*', 'apps/web', true],
    ['apps/*', 'apps/web/overlays', false],
    ['apps/?eb', 'apps/web', true],
    ['apps/[a-m]*', 'apps/api', true],
    ['apps/[^a-m]*', 'apps/api', false],
    ['apps/[fg]', 'apps/g', true],
    ['apps/\\*', 'apps/*', true],
    ['*', 'apps', true],
    ['/d/*', 'd/e', false],
  ])('%s against %s is %s', (pattern, name, expected) => {
    expect(pathMatch(pattern, name)).toBe(expected);
  });

  it('says a malformed pattern is malformed, which Argo CD skips', () => {
    expect(pathMatch('apps/[a', 'apps/a')).toBeUndefined();
  });
});

describe('git ls-files matching, for the files generator', () => {
  it.each([
    ['envs/*.yaml', 'envs/a/b.yaml', true],
    ['envs/**/config.json', 'envs/a/b/config.json', true],
    ['envs/**/config.json', 'envs/config.json', false],
    ['**/stage.values.yaml', 'test/stage.values.yaml', true],
    ['global.values.yaml', 'global.values.yaml', true],
    ['global.values.yaml', 'x/global.values.yaml', false],
    ['envs', 'envs/a.yaml', true],
    ['env', 'envs/a.yaml', false],
  ])('%s against %s is %s', (pattern, path, expected) => {
    expect(gitPathspecMatch(pattern, path)).toBe(expected);
  });
});
