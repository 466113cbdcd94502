import { describe, expect, it } from 'vitest';
import { diffClusters, formatMarkdown, MARKDOWN_MARKER, type ClusterDiff } from '../src/index.js';
import { loadFixture } from './load-fixture.js';

describe('formatMarkdown', () => {
  it('GIVEN one tag bumped on one cluster THEN a table of clusters, a table of image tags before → after and the diff folded away', async () => {
    const { before, after } = await loadFixture('tag-bump');
    expect(formatMarkdown(diffClusters(before, after), { base: 'origin/main', baseCommit: '1a2b3c4' })).toMatchInlineSnapshot(`
      "<!-- fleetform-diff -->
      ### fleetform diff

      Rendered objects, \`origin/main\` (\`1a2b3c4\`) → the working tree: **1 cluster** affected, **1 object** (0 added, 0 removed, 1 changed).

      | cluster | added | removed | changed |
      | --- | ---: | ---: | ---: |
      | \`eu-west-1-prod\` | 0 | 0 | 1 |

      | cluster | workload | container | image | tag before → after |
      | --- | --- | --- | --- | --- |
      | \`eu-west-1-prod\` | \`Deployment.apps shop/web\` | \`main\` | \`registry.eu.example.com/web\` | \`v1.0.0\` → \`v1.1.0\` |
      | \`eu-west-1-prod\` | \`Deployment.apps shop/web\` | \`migrate\` | \`registry.eu.example.com/web-migrate\` | \`v1.0.0\` → \`v1.1.0\` |

      <details>
      <summary><code>eu-west-1-prod</code> changed <code>Deployment.apps shop/web</code></summary>

      \`\`\`diff
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
      \`\`\`

      </details>
      "
    `);
  });

  it('GIVEN clusters added and removed THEN the table marks them, and images show (none) on the missing side', async () => {
    const { before, after } = await loadFixture('reshape');
    const markdown = formatMarkdown(diffClusters(before, after), { base: 'origin/main' });
    expect(markdown.split('\n').filter((line) => line.startsWith('|') || line.startsWith('<summary>'))).toMatchInlineSnapshot(`
      [
        "| cluster | added | removed | changed |",
        "| --- | ---: | ---: | ---: |",
        "| \`ap-south-1-prod\` (added) | 2 | 0 | 0 |",
        "| \`eu-west-1-prod\` | 1 | 1 | 2 |",
        "| \`us-west-2-prod\` (removed) | 0 | 2 | 0 |",
        "| cluster | workload | container | image | tag before → after |",
        "| --- | --- | --- | --- | --- |",
        "| \`ap-south-1-prod\` | \`DaemonSet.apps shop/agent\` | \`agent\` | \`registry.ap.example.com:5000/agent\` | \`(none)\` → \`(no tag)\` |",
        "| \`eu-west-1-prod\` | \`CronJob.batch shop/report\` | \`report\` | \`registry.eu.example.com/report\` | \`sha256:111111111111…\` → \`sha256:222222222222…\` |",
        "| \`eu-west-1-prod\` | \`Rollout.argoproj.io shop/web\` | \`main\` | \`registry.eu.example.com/web\` | \`(none)\` → \`v2.0.0\` |",
        "| \`us-west-2-prod\` | \`Job.batch shop/seed\` | \`seed\` | \`registry.us.example.com/seed\` | \`v3\` → \`(none)\` |",
        "<summary><code>ap-south-1-prod</code> added <code>DaemonSet.apps shop/agent</code></summary>",
        "<summary><code>ap-south-1-prod</code> added <code>Namespace shop</code></summary>",
        "<summary><code>eu-west-1-prod</code> changed <code>ConfigMap shop/web-config</code></summary>",
        "<summary><code>eu-west-1-prod</code> changed <code>CronJob.batch shop/report</code></summary>",
        "<summary><code>eu-west-1-prod</code> added <code>Rollout.argoproj.io shop/web</code></summary>",
        "<summary><code>eu-west-1-prod</code> removed <code>Service shop/web</code></summary>",
        "<summary><code>us-west-2-prod</code> removed <code>Job.batch shop/seed</code></summary>",
        "<summary><code>us-west-2-prod</code> removed <code>Namespace shop</code></summary>",
      ]
    `);
  });

  it('GIVEN no change THEN it still starts with the marker, so the sticky comment is updated to say so', () => {
    expect(formatMarkdown([], { base: 'origin/main', baseCommit: 'abc1234' })).toMatchInlineSnapshot(`
      "<!-- fleetform-diff -->
      ### fleetform diff

      No rendered object changes: every cluster receives the same objects from the working tree as from \`origin/main\` (\`abc1234\`).
      "
    `);
  });

  it('GIVEN more diff than a comment holds THEN the diffs that do not fit are listed by name and counted, under the limit', async () => {
    const { before, after } = await loadFixture('reshape');
    const diffs = diffClusters(before, after);
    const full = formatMarkdown(diffs, { base: 'main' });
    const maxLength = full.length - 400;
    const cut = formatMarkdown(diffs, { base: 'main' }, { maxLength });
    expect(cut.length).toBeLessThanOrEqual(maxLength);
    expect(cut.startsWith(`${MARKDOWN_MARKER}\n`)).toBe(true);
    expect(cut.split('\n').filter((line) => line.startsWith('- <code>') || line.startsWith('_'))).toMatchInlineSnapshot(`
      [
        "- <code>us-west-2-prod</code> removed <code>Job.batch shop/seed</code>",
        "_2 diffs left out (1 of those objects not listed) to stay under GitHub's comment size limit; run \`fleetform diff\` to see them._",
      ]
    `);
  });

  it('GIVEN an object whose YAML holds a markdown fence THEN the diff fence is longer, so the comment stays intact', () => {
    const configMap = (readme: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'docs', namespace: 'shop' }, data: { 'README.md': readme } });
    const diffs: ClusterDiff[] = diffClusters(new Map([['c', [configMap('a')]]]), new Map([['c', [configMap('```sh\nls\n```')]]]));
    const markdown = formatMarkdown(diffs, { base: 'main' });
    expect(markdown).toContain('\n````diff\n');
    expect(markdown).toContain('\n````\n\n</details>');
  });
});
