import { describe, expect, it } from 'vitest';
import { diffClusters, objectLabel, type ClusterDiff } from '../src/index.js';
import { loadFixture } from './load-fixture.js';

/** Each cluster's changes as short lines: `~ Deployment.apps shop/web`. */
const outline = (diffs: readonly ClusterDiff[]) =>
  diffs.map((d) => ({ cluster: d.cluster, change: d.change, objects: d.objects.map((o) => `${o.change} ${objectLabel(o.ref)}`) }));

describe('diffClusters', () => {
  it('GIVEN one tag bumped on one cluster THEN only that cluster and that Deployment are listed, with every container image that moved', async () => {
    const { before, after } = await loadFixture('tag-bump');
    const diffs = diffClusters(before, after);
    expect(outline(diffs)).toEqual([{ cluster: 'eu-west-1-prod', change: 'changed', objects: ['changed Deployment.apps shop/web'] }]);
    expect(diffs[0]!.images).toEqual([
      { workload: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' }, container: 'main', before: 'registry.eu.example.com/web:v1.0.0', after: 'registry.eu.example.com/web:v1.1.0' },
      { workload: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' }, container: 'migrate', before: 'registry.eu.example.com/web-migrate:v1.0.0', after: 'registry.eu.example.com/web-migrate:v1.1.0' },
    ]);
  });

  it('GIVEN a cluster added, one removed and objects added, removed and changed THEN clusters come by name and objects by kind, namespace, name', async () => {
    const { before, after } = await loadFixture('reshape');
    expect(outline(diffClusters(before, after))).toEqual([
      { cluster: 'ap-south-1-prod', change: 'added', objects: ['added DaemonSet.apps shop/agent', 'added Namespace shop'] },
      { cluster: 'eu-west-1-prod', change: 'changed', objects: ['changed ConfigMap shop/web-config', 'changed CronJob.batch shop/report', 'added Rollout.argoproj.io shop/web', 'removed Service shop/web'] },
      { cluster: 'us-west-2-prod', change: 'removed', objects: ['removed Job.batch shop/seed', 'removed Namespace shop'] },
    ]);
  });

  it('GIVEN workloads of every kind THEN images are compared for CronJobs, Rollouts, DaemonSets and Jobs too, a missing side left out', async () => {
    const { before, after } = await loadFixture('reshape');
    const images = diffClusters(before, after).flatMap((d) => d.images.map((i) => ({ cluster: d.cluster, workload: objectLabel(i.workload), before: i.before, after: i.after })));
    expect(images).toEqual([
      { cluster: 'ap-south-1-prod', workload: 'DaemonSet.apps shop/agent', before: undefined, after: 'registry.ap.example.com:5000/agent' },
      {
        cluster: 'eu-west-1-prod',
        workload: 'CronJob.batch shop/report',
        before: 'registry.eu.example.com/report@sha256:1111111111111111111111111111111111111111111111111111111111111111',
        after: 'registry.eu.example.com/report@sha256:2222222222222222222222222222222222222222222222222222222222222222',
      },
      { cluster: 'eu-west-1-prod', workload: 'Rollout.argoproj.io shop/web', before: undefined, after: 'registry.eu.example.com/web:v2.0.0' },
      { cluster: 'us-west-2-prod', workload: 'Job.batch shop/seed', before: 'registry.us.example.com/seed:v3', after: undefined },
    ]);
  });

  it('GIVEN the same objects in another order THEN nothing is listed', async () => {
    const { before } = await loadFixture('reshape');
    const reversed = new Map([...before].reverse().map(([cluster, objects]) => [cluster, [...objects].reverse()]));
    expect(diffClusters(before, reversed)).toEqual([]);
  });

  it('GIVEN only an apiVersion changed THEN the object is the same object, changed, not removed and added', () => {
    const object = (apiVersion: string) => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' } });
    const diffs = diffClusters(new Map([['c', [object('autoscaling/v1')]]]), new Map([['c', [object('autoscaling/v2')]]]));
    expect(outline(diffs)).toEqual([{ cluster: 'c', change: 'changed', objects: ['changed HorizontalPodAutoscaler.autoscaling shop/web'] }]);
  });

  it('GIVEN a changed object THEN its patch is a unified diff of its YAML, and an added one is diffed against /dev/null', async () => {
    const { before, after } = await loadFixture('reshape');
    const [added, changed] = diffClusters(before, after);
    expect(changed!.objects[0]!.patch).toMatchInlineSnapshot(`
      "--- a/eu-west-1-prod/ConfigMap/shop/web-config.yaml
      +++ b/eu-west-1-prod/ConfigMap/shop/web-config.yaml
      @@ -4,4 +4,4 @@
         name: web-config
         namespace: shop
       data:
      -  LOG_LEVEL: info
      +  LOG_LEVEL: debug
      "
    `);
    expect(added!.objects[1]!.patch).toMatchInlineSnapshot(`
      "--- /dev/null
      +++ b/ap-south-1-prod/Namespace/shop.yaml
      @@ -0,0 +1,4 @@
      +apiVersion: v1
      +kind: Namespace
      +metadata:
      +  name: shop
      "
    `);
  });
});
