import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlKustomize } from '@fleetform/kustomize';
import { kustomizeAvailable } from '@fleetform/kustomize/testing';
import { renderExampleFleet } from './example-fleet.js';

const identity = (o: { kind: string; metadata: { name: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byIdentity = (objects: readonly { kind: string; metadata: { name: string; namespace?: string } }[]) =>
  Object.fromEntries(objects.map((o) => [identity(o), o]));

describe('every overlay of the example fleet, built by the real kubectl kustomize', async () => {
  const { layout } = await renderExampleFleet();
  const overlays = [...layout!.overlays].flatMap(([app, byCluster]) => [...byCluster].map(([cluster, overlay]) => ({ app, cluster, overlay })));
  const real = await kustomizeAvailable();
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetform-faithful-'));
    for (const [path, content] of layout!.files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('covers every app on every cluster', () => {
    expect(overlays.length).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(!real).each(overlays)('$app on $cluster ($overlay) gives exactly the objects fleetform holds', async ({ app, cluster, overlay }) => {
    const built = await kubectlKustomize(join(dir, 'apps', app, 'overlays', overlay));
    const wanted = layout!.clusters.get(cluster)!.apps.get(app)!;
    expect(byIdentity(built)).toEqual(byIdentity(wanted));
  });
});
