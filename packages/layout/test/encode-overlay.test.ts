import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubectlKustomize } from '@fleetform/kustomize';
import { kustomizeAvailable } from '@fleetform/kustomize/testing';
import { assertFaithful, encodeOverlay, FileSet } from '@fleetform/layout';
import type { KubeObject } from '@fleetform/objects';
import { toYaml } from '@fleetform/yaml';
import { sameJson } from '../src/encode-overlay.js';

const deployment = (replicas: number, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', annotations: { 'argocd.argoproj.io/sync-wave': '2' } },
  spec: { replicas, template: { spec: { containers: [{ name: 'main', image }] } } },
});
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' }, data: { a: 'b' } };
const budget: KubeObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { minAvailable: 1 } };

const base = [deployment(1, 'web:v1'), configMap];
const wanted = [deployment(3, 'registry.eu/web:v2'), budget];
const images = [{ name: 'web', newName: 'registry.eu/web', newTag: 'v2' }];

function write(overlay: ReturnType<typeof encodeOverlay>): FileSet {
  const files = new FileSet();
  files.addYaml('base/kustomization.yaml', 'test', { resources: ['deployment-web.yaml', 'configmap-web-config.yaml'] });
  files.addYaml('base/deployment-web.yaml', 'test', base[0]);
  files.addYaml('base/configmap-web-config.yaml', 'test', base[1]);
  files.addYaml('overlays/eu/kustomization.yaml', 'test', overlay.kustomization);
  for (const [path, content] of overlay.files) files.addYaml(`overlays/eu/${path}`, 'test', content);
  return files;
}

describe('encodeOverlay', () => {
  const overlay = encodeOverlay(base, wanted, images);

  it('uses images for the image, a JSON patch for what else differs, and adds or deletes whole objects', () => {
    expect(toYaml(overlay.kustomization)).toMatchInlineSnapshot(`
      "apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
        - ../../base
        - poddisruptionbudget-web.yaml
      images:
        - name: web
          newName: registry.eu/web
          newTag: v2
      patches:
        - path: patches/deployment-web.yaml
          target:
            group: apps
            version: v1
            kind: Deployment
            name: web
            namespace: shop
        - path: patches/delete-configmap-web-config.yaml
      "
    `);
    expect(overlay.files.get('patches/deployment-web.yaml')).toEqual([{ op: 'replace', path: '/spec/replicas', value: 3 }]);
  });

  it('is checked in process against the wanted objects', () => {
    expect(() => assertFaithful(write(overlay), 'overlays/eu', wanted)).not.toThrow();
    expect(() => assertFaithful(write(overlay), 'overlays/eu', [deployment(4, 'registry.eu/web:v2'), budget])).toThrow(/differs from the wanted objects at apps\/Deployment\/shop\/web/);
  });

  it('compares the objects as JSON, whatever the order of their keys', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: {} }, { a: [] })).toBe(false);
  });

  let real = false;
  beforeAll(async () => {
    real = await kustomizeAvailable();
  });

  it('builds with the real kubectl kustomize into the wanted objects', async (test) => {
    if (!real) test.skip();
    const dir = await mkdtemp(join(tmpdir(), 'fleetform-encode-'));
    for (const [path, content] of write(overlay).entries()) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const built = await kubectlKustomize(join(dir, 'overlays/eu'));
    const sort = (objects: readonly { kind: string }[]) => [...objects].sort((a, b) => (a.kind < b.kind ? -1 : 1));
    expect(sort(built)).toEqual(sort(wanted));
  });
});
