import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clustersFromFleet } from '@fleetform/preview';
import { appSet, names, preview, secret, secrets } from './helpers.js';

const clusters = secrets(
  secret('dev', 'https://dev.example.com', { env: 'dev', tier: 'pre' }, { owner: 'team-a' }) +
    secret('prod-eu', 'https://eu.example.com', { env: 'prod', region: 'eu' }) +
    secret('prod_us', 'https://us.example.com', { env: 'prod', region: 'us' }),
);
const run = (generators: string, template?: string, goTemplate = true) => preview(appSet({ generators, template, goTemplate }), { clusters });

describe('the clusters generator', () => {
  it.each([
    ['every cluster, and the local one, with no selector', '- clusters: {}', ['in-cluster', 'dev', 'prod-eu', 'prod_us']],
    ['matchLabels', '- clusters: {selector: {matchLabels: {env: prod}}}', ['prod-eu', 'prod_us']],
    ['In', '- clusters: {selector: {matchExpressions: [{key: region, operator: In, values: [eu, asia]}]}}', ['prod-eu']],
    ['NotIn, which a missing label satisfies', '- clusters: {selector: {matchExpressions: [{key: region, operator: NotIn, values: [eu]}]}}', ['dev', 'prod_us']],
    ['Exists', '- clusters: {selector: {matchExpressions: [{key: tier, operator: Exists}]}}', ['dev']],
    ['DoesNotExist', '- clusters: {selector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}', ['prod-eu', 'prod_us']],
    ['matchLabels and matchExpressions together', '- clusters: {selector: {matchLabels: {env: prod}, matchExpressions: [{key: region, operator: In, values: [us]}]}}', ['prod_us']],
    ['the secret type label, which leaves out the local cluster', "- clusters: {selector: {matchLabels: {'argocd.argoproj.io/secret-type': cluster}}}", ['dev', 'prod-eu', 'prod_us']],
  ])('selects %s', async (_, generators, expected) => {
    const result = await run(generators, "metadata: {name: '{{.nameNormalized}}'}\nspec: {project: p}");
    expect(result.messages).toEqual([]);
    expect(names(result)).toEqual(expected.map((n) => n.replace('_', '-')));
  });

  it('gives name, nameNormalized, server, project and metadata in Go template mode', async () => {
    const template = "metadata:\n  name: '{{.nameNormalized}}'\n  annotations: {owner: '{{index .metadata.annotations \"owner\"}}', env: '{{.metadata.labels.env}}', server: '{{.server}}', project: '[{{.project}}]'}\nspec: {project: p}";
    const [app] = (await run('- clusters: {selector: {matchLabels: {env: dev}}}', template)).applications;
    expect(app!.metadata.annotations).toEqual({ owner: 'team-a', env: 'dev', server: 'https://dev.example.com', project: '[]' });
  });

  it('gives metadata.labels.KEY as flat parameters with fasttemplate', async () => {
    const template = "metadata: {name: '{{name}}', labels: {env: '{{metadata.labels.env}}', owner: '{{metadata.annotations.owner}}'}}\nspec: {project: p}";
    const [app] = (await run('- clusters: {selector: {matchLabels: {env: dev}}}', template, false)).applications;
    expect(app!.metadata.labels).toEqual({ env: 'dev', owner: 'team-a' });
  });

  it('renders values with each cluster’s parameters, under values', async () => {
    const result = await run("- clusters:\n    selector: {matchLabels: {env: prod}}\n    values: {ns: 'apps-{{.metadata.labels.region}}'}", "metadata: {name: '{{.values.ns}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['apps-eu', 'apps-us']);
  });

  it('gathers the clusters into one parameter set with flatList', async () => {
    const result = await run("- clusters: {selector: {matchLabels: {env: prod}}, flatList: true}", "metadata: {name: 'all', annotations: {names: '{{range .clusters}}{{.name}} {{end}}'}}\nspec: {project: p}");
    expect(result.applications.map((a) => a.metadata.annotations)).toEqual([{ names: 'prod-eu prod_us ' }]);
  });

  it.each([
    ['an operator Kubernetes does not know', '- clusters: {selector: {matchExpressions: [{key: env, operator: Gt, values: ["1"]}]}}', '"Gt" is not a valid label selector operator'],
    ['In with no values', '- clusters: {selector: {matchExpressions: [{key: env, operator: In}]}}', "for 'In', 'values' must be non-empty"],
    ['Exists with values', '- clusters: {selector: {matchExpressions: [{key: env, operator: Exists, values: [a]}]}}', "for 'Exists', 'values' must be empty"],
    ['a label value that is not one', '- clusters: {selector: {matchLabels: {env: "has space"}}}', 'invalid label selector `env: has space`'],
  ])('refuses %s', async (_, generators, message) => {
    const result = await run(generators);
    expect(result.messages.join('\n')).toContain(message);
    expect(result.applications).toEqual([]);
  });
});

describe('the fleet’s clusters as cluster secrets', () => {
  it('carry env, region and name over cluster.yaml’s labels, and the in-cluster address when cluster.yaml names no server', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fleetform-preview-fleet-'));
    const write = async (path: string, text: string) => {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    };
    await write('clusters/fleet.yaml', 'git: {repoURL: https://example.com/fleet.git}\nregions: {eu: {registry: r.example.com}, us: {registry: r.example.com}}\nenvironments: [{name: staging}, {name: prod}]\n');
    await write('clusters/eu-prod/cluster.yaml', 'environment: prod\nregion: eu\nserver: https://eu.example.com\nlabels: {tier: production}\n');
    await write('clusters/us-staging/cluster.yaml', 'environment: staging\nregion: us\n');
    const { clusters: list, diagnostics } = await clustersFromFleet(root)();
    expect(diagnostics).toEqual([]);
    const fleetform = (cluster: string) => ({ 'app.kubernetes.io/managed-by': 'fleetform', 'fleetform.io/cluster': cluster });
    const annotations = { 'argocd.argoproj.io/sync-wave': '-3' };
    expect(list).toEqual([
      { name: 'eu-prod', server: 'https://eu.example.com', labels: { tier: 'production', 'argocd.argoproj.io/secret-type': 'cluster', env: 'prod', region: 'eu', name: 'eu-prod', ...fleetform('eu-prod') }, annotations },
      { name: 'us-staging', server: 'https://kubernetes.default.svc', labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'staging', region: 'us', name: 'us-staging', ...fleetform('us-staging') }, annotations },
    ]);
    const result = await preview(appSet({ generators: '- clusters: {}' }), { clusters: clustersFromFleet(root) });
    // us-staging's secret holds the in-cluster address, so no separate local cluster appears.
    expect(names(result)).toEqual(['eu-prod', 'us-staging']);
  });

  it('GIVEN a hub THEN are the Secrets render writes into its folder: the hub in-cluster, every other cluster at its server', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fleetform-preview-hub-'));
    const write = async (path: string, text: string) => {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    };
    await write('clusters/fleet.yaml', 'git: {repoURL: https://example.com/fleet.git}\nargocd: {delivery: hub, hub: {cluster: eu-prod}}\nregions: {eu: {registry: r.example.com}}\nenvironments: [{name: staging}, {name: prod}]\n');
    await write('clusters/eu-prod/cluster.yaml', 'environment: prod\nregion: eu\nserver: https://eu.example.com\n');
    await write('clusters/eu-staging/cluster.yaml', 'environment: staging\nregion: eu\nserver: https://eu-staging.example.com\n');
    const { clusters: list = [] } = await clustersFromFleet(root)();
    expect(list.map((c) => [c.name, c.server, c.labels['fleetform.io/cluster']])).toEqual([
      ['eu-prod', 'https://kubernetes.default.svc', 'eu-prod'],
      ['eu-staging', 'https://eu-staging.example.com', 'eu-prod'],
    ]);
  });

  it('says where to find clusters when there is no fleet', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'fleetform-preview-nofleet-'));
    const result = await preview(appSet({ generators: '- clusters: {}' }), { clusters: clustersFromFleet(empty) });
    expect(result.messages.join('\n')).toContain('error FF808: no clusters for the clusters generator');
    expect(result.messages.join('\n')).toContain('--clusters FILE');
  });
});

describe('cluster secrets from a file', () => {
  it('read name and server from base64 data, and skip what is not a cluster secret with a warning', async () => {
    const yaml = 'apiVersion: v1\nkind: Secret\nmetadata: {name: c, labels: {argocd.argoproj.io/secret-type: cluster}}\ndata: {name: YQ==, server: aHR0cHM6Ly9h}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
    const { clusters: list, diagnostics } = await secrets(yaml)();
    expect(list).toEqual([{ name: 'a', server: 'https://a', labels: { 'argocd.argoproj.io/secret-type': 'cluster' }, annotations: {} }]);
    expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([['warning', 'FF808', 'not an Argo CD cluster secret; skipped']]);
  });
});
