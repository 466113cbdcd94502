import { describe, expect, it } from 'vitest';
import { ApplicationSetMismatchError, buildApplication, buildClusterSecret, buildHubApplicationSet, IN_CLUSTER, serverFrom, type ClusterTarget, type HubMember } from '@fleetform/layout';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet, Values } from '@fleetform/values';
import { toYaml } from '@fleetform/yaml';

const fleet: Fleet = { git: { repoURL: 'https://example.com/fleet.git' }, regions: {}, environments: [{ name: 'staging' }, { name: 'prod' }] };
const clusters: ClusterTarget[] = [
  { name: 'eu-prod', environment: 'prod', region: 'eu', server: 'https://eu-prod.example.com' },
  { name: 'us-prod', environment: 'prod', region: 'us', server: 'https://us-prod.example.com' },
  { name: 'us-prod-2', environment: 'prod', region: 'us', server: 'https://us-prod-2.example.com' },
  { name: 'us-staging', environment: 'staging', region: 'us', server: 'https://us-staging.example.com' },
];
const HUB = 'us-prod';
const app = (name: string): AppIdentity => ({ name, team: 'payments', partOf: name, namespace: { name }, file: `apps/${name}/app.yaml` });

/** The app on each named cluster, in the overlay given for it, as `applications` mode would write it. */
function members(name: string, overlays: Record<string, string>, values: Values = {}): HubMember[] {
  return Object.entries(overlays).map(([cluster, overlay]) => {
    const target = clusters.find((c) => c.name === cluster)!;
    return { cluster: target, server: serverFrom(target, HUB), application: buildApplication(fleet, app(name), cluster, overlay, values, 0) };
  });
}

const options = { hub: HUB, generator: 'clusters', applicationsSync: 'create-update', clusters } as const;
type Generators = { clusters?: { selector: unknown }; list?: { elements: unknown[] } }[];

describe('buildHubApplicationSet', () => {
  it('GIVEN an app on three clusters THEN one clusters generator per overlay selects their Secrets by env, env and region, or name', () => {
    const set = buildHubApplicationSet(fleet, 'billing', members('billing', { 'us-staging': 'us-staging', 'eu-prod': 'eu-prod', 'us-prod': 'us-prod', 'us-prod-2': 'us-prod-2' }), options, 0);
    const generators = (set.spec as { generators: Generators }).generators;
    expect(generators.map((g) => g.clusters!.selector)).toEqual([
      { matchLabels: { env: 'staging' } },
      { matchLabels: { env: 'prod', region: 'eu' } },
      { matchExpressions: [{ key: 'name', operator: 'In', values: ['us-prod'] }] },
      { matchExpressions: [{ key: 'name', operator: 'In', values: ['us-prod-2'] }] },
    ]);
  });

  it('GIVEN two clusters on one overlay THEN they share a generator', () => {
    const set = buildHubApplicationSet(fleet, 'billing', members('billing', { 'us-prod': 'us-prod', 'us-prod-2': 'us-prod' }), options, 0);
    expect((set.spec as { generators: Generators }).generators.map((g) => g.clusters!.selector)).toEqual([{ matchLabels: { env: 'prod', region: 'us' } }]);
  });

  it('writes a goTemplate the hub turns into the Application of `applications` mode, named APP-CLUSTER and sent to the cluster’s server', () => {
    const set = buildHubApplicationSet(fleet, 'billing', members('billing', { 'us-staging': 'us-staging', 'us-prod': 'us-prod' }), { ...options, generator: 'list' }, 0);
    expect(toYaml(set)).toMatchInlineSnapshot(`
      "apiVersion: argoproj.io/v1alpha1
      kind: ApplicationSet
      metadata:
        name: billing
        namespace: argocd
        labels:
          app.kubernetes.io/managed-by: fleetform
          fleetform.io/cluster: us-prod
        annotations:
          argocd.argoproj.io/sync-wave: "0"
      spec:
        goTemplate: true
        goTemplateOptions:
          - missingkey=error
        generators:
          - list:
              elements:
                - name: us-staging
                  server: https://us-staging.example.com
                  values:
                    app: billing
                    partOf: billing
                    project: payments
                    path: apps/billing/overlays/us-staging
                    namespace: billing
                    wave: "0"
                - name: us-prod
                  server: https://kubernetes.default.svc
                  values:
                    app: billing
                    partOf: billing
                    project: payments
                    path: apps/billing/overlays/us-prod
                    namespace: billing
                    wave: "0"
        template:
          metadata:
            name: "{{.values.app}}-{{.name}}"
            labels:
              app.kubernetes.io/part-of: "{{.values.partOf}}"
              app.kubernetes.io/managed-by: fleetform
              fleetform.io/cluster: "{{.name}}"
            annotations:
              argocd.argoproj.io/sync-wave: "{{.values.wave}}"
              argocd.argoproj.io/manifest-generate-paths: /apps/{{.values.app}}
            finalizers:
              - resources-finalizer.argocd.argoproj.io
          spec:
            project: "{{.values.project}}"
            source:
              repoURL: https://example.com/fleet.git
              targetRevision: main
              path: "{{.values.path}}"
            destination:
              server: "{{.server}}"
              namespace: "{{.values.namespace}}"
            syncPolicy:
              automated:
                prune: true
                selfHeal: true
              syncOptions:
                - CreateNamespace=true
                - PrunePropagationPolicy=foreground
                - PruneLast=true
              retry:
                limit: 5
                backoff:
                  duration: 5s
                  factor: 2
                  maxDuration: 3m
        strategy:
          type: RollingSync
          rollingSync:
            steps:
              - matchExpressions:
                  - key: fleetform.io/cluster
                    operator: In
                    values:
                      - us-staging
              - matchExpressions:
                  - key: fleetform.io/cluster
                    operator: In
                    values:
                      - us-prod
        syncPolicy:
          preserveResourcesOnDeletion: true
          applicationsSync: create-update
      "
    `);
  });

  it('refuses apps of one set whose Applications differ in more than the parameters', () => {
    const mixed = [...members('billing', { 'us-prod': 'us-prod' }), ...members('ledger', { 'us-prod': 'us-prod' }, { argocd: { automated: false } })];
    expect(() => buildHubApplicationSet(fleet, 'payments', mixed, options, 0)).toThrow(ApplicationSetMismatchError);
  });
});

describe('buildClusterSecret', () => {
  it('describes the cluster with the labels the generators select on, with no credentials, and the hub in-cluster', () => {
    expect(buildClusterSecret(fleet, { ...clusters[0]!, labels: { tier: 'production', env: 'overridden' } }, HUB)).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'cluster-eu-prod', labels: { tier: 'production', env: 'prod', region: 'eu', name: 'eu-prod', 'argocd.argoproj.io/secret-type': 'cluster' } },
      stringData: { name: 'eu-prod', server: 'https://eu-prod.example.com' },
    });
    expect(buildClusterSecret(fleet, clusters[1]!, HUB).stringData).toEqual({ name: 'us-prod', server: IN_CLUSTER });
  });
});
