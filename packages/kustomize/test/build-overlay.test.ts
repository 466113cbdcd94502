import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKustomization, kubectlKustomize } from '@fleetform/kustomize';
import { kustomizeAvailable } from '@fleetform/kustomize/testing';
import { byIdentity, readTree } from './tree.js';

const fixture = join(import.meta.dirname, 'fixtures/overlay');

describe('buildKustomization', () => {
  let real = false;
  beforeAll(async () => {
    real = await kustomizeAvailable();
  });

  it('GIVEN an overlay with images, a JSON patch, a deletion and an extra resource THEN it builds what the real kustomize builds', async (test) => {
    if (!real) test.skip();
    const inProcess = buildKustomization(await readTree(fixture), 'overlays/prod');
    const actual = await kubectlKustomize(join(fixture, 'overlays/prod'));
    expect(byIdentity(inProcess)).toEqual(byIdentity(actual));
  });

  it('rewrites images in containers and initContainers at any depth, a digest winning over a tag', async () => {
    const built = byIdentity(buildKustomization(await readTree(fixture), 'overlays/prod')) as Record<string, { spec: unknown }>;
    const text = JSON.stringify(built);
    expect(text).toContain('"image":"registry.eu.example.com/web:v2"');
    expect(text).toContain('"image":"registry.eu.example.com/atlas:0.14.0"');
    expect(text).toContain('"image":"docker.io/library/envoy@sha256:bbbb');
    expect(Object.keys(built)).toEqual(['Deployment/shop/web', 'CronJob/shop/report', 'PodDisruptionBudget/shop/web']);
  });

  it('patches copies: the parsed base it shares with the next build is left as it was', async () => {
    const tree = await readTree(fixture);
    const cache = new Map();
    const first = buildKustomization(tree, 'overlays/prod', cache);
    const cachedBefore = JSON.stringify([...cache]);
    expect(buildKustomization(tree, 'overlays/prod', cache)).toEqual(first);
    expect(JSON.stringify([...cache])).toBe(cachedBefore);
    const base = buildKustomization(tree, 'base', cache);
    expect(byIdentity(base)).toEqual(byIdentity(buildKustomization(tree, 'base')));
  });

  it('names the file it cannot find', () => {
    expect(() => buildKustomization(new Map([['o/kustomization.yaml', 'resources: [missing.yaml]\n']]), 'o')).toThrow('o/missing.yaml: no such file or kustomization');
  });
});
