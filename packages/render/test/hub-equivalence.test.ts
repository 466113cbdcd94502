import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_CLUSTER, type FleetLayout } from '@fleetform/layout';
import { clustersFromSecrets, previewFiles, type Application, type GitReader } from '@fleetform/preview';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';

/**
 * Hub delivery against `applications` delivery on the example fleet: what Argo CD on the hub would
 * generate from each hub ApplicationSet (previewed with the cluster Secrets render wrote into the
 * hub's folder) is, app by app and cluster by cluster, the Application `applications` mode writes,
 * but for the two things one Argo CD for many clusters needs (HUB_DIFFERENCES).
 */
const root = join(import.meta.dirname, '../../..');
/** The hub's ApplicationSets use no git generator. */
const noRepository: GitReader = {
  tree: () => Promise.reject(new Error('this test has no repository')),
  read: () => Promise.reject(new Error('this test has no repository')),
};
const HUB = 'us-east-1-prod';

/** The only differences, as a mapping from the Application `applications` mode writes to the hub's. */
const HUB_DIFFERENCES = {
  /** One Argo CD holds every cluster's Applications, so the cluster goes into the name. */
  name: (app: string, cluster: string) => `${app}-${cluster}`,
  /** The Application deploys to its cluster's server (cluster.yaml), not to the cluster it runs in; the hub's own stays in-cluster. */
  server: (cluster: string, servers: ReadonlyMap<string, string>) => (cluster === HUB ? IN_CLUSTER : servers.get(cluster)!),
};

type Key = string;
const key = (app: string, cluster: string): Key => `${app} on ${cluster}`;

async function render(edit: (fleetYaml: string) => string): Promise<FleetLayout> {
  const files = new Map(await readInputs(root));
  files.set('clusters/fleet.yaml', edit(files.get('clusters/fleet.yaml')!));
  const { layout, diagnostics } = renderFleet(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return layout!;
}

/** Every app's Application on every cluster in `applications` delivery, which the example's defaults now ask of every app. */
async function applicationsMode(): Promise<Map<Key, Application>> {
  const layout = await render((text) => text.replace(/^defaults:\n/m, 'defaults:\n  argocd:\n    delivery: applications\n'));
  const written = new Map<Key, Application>();
  for (const [cluster, { apps, argocd }] of layout.clusters) {
    for (const object of argocd) if (object.kind === 'Application' && apps.has(object.metadata.name)) written.set(key(object.metadata.name, cluster), object as unknown as Application);
  }
  return written;
}

/** What the hub's ApplicationSets generate, by app and cluster, previewed from the files render wrote. */
async function hubMode(hubSettings: string): Promise<{ generated: Map<Key, Application>; sets: number; layout: FleetLayout }> {
  const layout = await render((text) => text.replace(/^argocd:\n/m, `argocd:\n  delivery: hub\n  hub: ${hubSettings}\n`));
  const folder = `clusters/${HUB}`;
  const filesUnder = (prefix: string) => [...layout.files].filter(([path]) => path.startsWith(prefix)).map(([file, text]) => ({ file, text }));
  const secrets = filesUnder(`${folder}/bootstrap/cluster-`);
  const sets = filesUnder(`${folder}/appsets/`);
  const { applications, diagnostics } = await previewFiles(sets, { clusters: clustersFromSecrets(secrets.map((s) => s.text).join('---\n'), 'secrets'), git: noRepository });
  expect(diagnostics).toEqual([]);
  const generated = new Map<Key, Application>();
  for (const application of applications) {
    const cluster = application.metadata.labels!['fleetform.io/cluster']!;
    const app = application.metadata.name.slice(0, -(cluster.length + 1));
    expect(generated.has(key(app, cluster)), key(app, cluster)).toBe(false);
    generated.set(key(app, cluster), application);
  }
  return { generated, sets: sets.length, layout };
}

describe('hub delivery of the example fleet', () => {
  it.each([
    ['one ApplicationSet per app, with clusters generators', '{cluster: us-east-1-prod}'],
    ['one per team, with list generators', '{cluster: us-east-1-prod, applicationSets: team, generator: list}'],
  ])('%s: yields exactly the Applications of `applications` mode, but for name and destination server', async (_, settings) => {
    const expected = await applicationsMode();
    const { generated, sets } = await hubMode(settings);
    expect(sets).toBeGreaterThan(1);
    const files = await readInputs(root);
    const servers = new Map([...files].flatMap(([path, text]) => {
      const match = /^clusters\/([^/]+)\/cluster\.yaml$/.exec(path);
      const server = /^server: (\S+)$/m.exec(text)?.[1];
      return match && server ? [[match[1]!, server] as const] : [];
    }));
    expect([...generated.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(100);
    for (const [where, application] of expected) {
      const [app, cluster] = where.split(' on ') as [string, string];
      const spec = application.spec as { destination: Record<string, unknown> };
      const mapped = {
        ...application,
        metadata: { ...application.metadata, name: HUB_DIFFERENCES.name(app, cluster) },
        spec: { ...spec, destination: { ...spec.destination, server: HUB_DIFFERENCES.server(cluster, servers) } },
      };
      expect(generated.get(where), where).toEqual(mapped);
    }
  });

  it('keeps each app’s sync wave on its Applications, and rolls environments out in promotion order instead', async () => {
    const { layout } = await hubMode('{cluster: us-east-1-prod}');
    const mca = layout.clusters.get(HUB)!.argocd.find((o) => o.kind === 'ApplicationSet' && o.metadata.name === 'mca')!;
    const { strategy, template } = mca.spec as { strategy: { type: string; rollingSync: { steps: { matchExpressions: { key: string; values: string[] }[] }[] } }; template: { metadata: { annotations: Record<string, string> } } };
    expect(template.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('{{.values.wave}}');
    expect(strategy.type).toBe('RollingSync');
    expect(strategy.rollingSync.steps.map((s) => s.matchExpressions.map((e) => `${e.key} in ${e.values.join(',')}`))).toEqual([
      ['fleetform.io/cluster in us-east-1-staging'],
      ['fleetform.io/cluster in ap-south-1-prod,eu-west-1-prod,us-east-1-prod'],
    ]);
  });
});
