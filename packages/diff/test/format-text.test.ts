import { describe, expect, it } from 'vitest';
import { diffClusters, formatText } from '../src/index.js';
import { loadFixture } from './load-fixture.js';

describe('formatText', () => {
  it('GIVEN one tag bumped on one cluster THEN it prints the cluster, the object, the images that moved, the diff and a summary', async () => {
    const { before, after } = await loadFixture('tag-bump');
    expect(formatText(diffClusters(before, after), { base: 'HEAD', baseCommit: '1a2b3c4' })).toMatchInlineSnapshot(`
      "cluster eu-west-1-prod: 0 added, 0 removed, 1 changed
        ~ Deployment.apps shop/web
        image Deployment.apps shop/web, container main: registry.eu.example.com/web v1.0.0 → v1.1.0
        image Deployment.apps shop/web, container migrate: registry.eu.example.com/web-migrate v1.0.0 → v1.1.0

      --- a/eu-west-1-prod/Deployment.apps/shop/web.yaml
      +++ b/eu-west-1-prod/Deployment.apps/shop/web.yaml
      @@ -4,16 +4,16 @@
         name: web
         namespace: shop
         labels:
      -    app.kubernetes.io/version: v1.0.0
      +    app.kubernetes.io/version: v1.1.0
       spec:
         replicas: 3
         template:
           spec:
             initContainers:
               - name: migrate
      -          image: registry.eu.example.com/web-migrate:v1.0.0
      +          image: registry.eu.example.com/web-migrate:v1.1.0
             containers:
               - name: main
      -          image: registry.eu.example.com/web:v1.0.0
      +          image: registry.eu.example.com/web:v1.1.0
               - name: proxy
                 image: registry.eu.example.com/envoy:v1.30.0

      fleetform diff: HEAD (1a2b3c4) → the working tree: 1 cluster affected, 1 object (0 added, 0 removed, 1 changed)
      "
    `);
  });

  it('GIVEN clusters added and removed THEN each says so, and a new workload image shows as coming from nothing', async () => {
    const { before, after } = await loadFixture('reshape');
    const text = formatText(diffClusters(before, after), { base: 'origin/main' });
    expect(text.split('\n').filter((line) => /^(cluster|  [-+~] |  image|fleetform)/.test(line))).toMatchInlineSnapshot(`
      [
        "cluster ap-south-1-prod (added): 2 added, 0 removed, 0 changed",
        "  + DaemonSet.apps shop/agent",
        "  + Namespace shop",
        "  image DaemonSet.apps shop/agent, container agent: registry.ap.example.com:5000/agent (none) → (no tag)",
        "cluster eu-west-1-prod: 1 added, 1 removed, 2 changed",
        "  ~ ConfigMap shop/web-config",
        "  ~ CronJob.batch shop/report",
        "  + Rollout.argoproj.io shop/web",
        "  - Service shop/web",
        "  image CronJob.batch shop/report, container report: registry.eu.example.com/report sha256:111111111111… → sha256:222222222222…",
        "  image Rollout.argoproj.io shop/web, container main: registry.eu.example.com/web (none) → v2.0.0",
        "cluster us-west-2-prod (removed): 0 added, 2 removed, 0 changed",
        "  - Job.batch shop/seed",
        "  - Namespace shop",
        "  image Job.batch shop/seed, container seed: registry.us.example.com/seed v3 → (none)",
        "fleetform diff: origin/main → the working tree: 3 clusters affected, 8 objects (3 added, 3 removed, 2 changed)",
      ]
    `);
  });

  it('GIVEN no change THEN it says so in one line', () => {
    expect(formatText([], { base: 'main', baseCommit: 'abc1234' })).toMatchInlineSnapshot(`
      "fleetform diff: no changes: every cluster receives the same objects from the working tree as from main (abc1234)
      "
    `);
  });
});
