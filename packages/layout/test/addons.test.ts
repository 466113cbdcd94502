import { describe, expect, it } from 'vitest';
import { addonsForCluster, type ResolvedAddon } from '@fleetform/addons';
import { buildAddonApplication, deriveAddonWaves, FileSet, layoutAddons, UNUSED_ADDON_WAVE } from '@fleetform/layout';
import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';

const fleet: Fleet = { git: { repoURL: 'https://example.com/fleet.git' }, regions: {}, environments: [{ name: 'prod' }] };
const cluster = { name: 'eu-prod', environment: 'prod', region: 'eu', file: 'clusters/eu-prod/cluster.yaml' };
const [certManager] = addonsForCluster({ 'cert-manager': { catalogue: 'cert-manager', values: { replicaCount: 2 } } }, cluster) as [ResolvedAddon];

const application = (name: string, wave: number): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
});
const certificate: KubeObject = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'webhook', namespace: 'db' } };
const rollout: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'shop' } };

describe('buildAddonApplication', () => {
  it('GIVEN the catalogue cert-manager THEN it is a Helm-source Application with the merged values, auto-synced into its namespace', () => {
    expect(buildAddonApplication(fleet, certManager, 'eu-prod', -2)).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'cert-manager',
        namespace: 'argocd',
        labels: { 'app.kubernetes.io/part-of': 'cluster-addons', 'fleetform.io/addon': 'cert-manager', 'app.kubernetes.io/managed-by': 'fleetform', 'fleetform.io/cluster': 'eu-prod' },
        annotations: { 'argocd.argoproj.io/sync-wave': '-2' },
      },
      spec: {
        project: 'default',
        source: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.16.2', helm: { valuesObject: { crds: { enabled: true, keep: true }, replicaCount: 2 } } },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'cert-manager' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['CreateNamespace=true'],
          retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
        },
      },
    });
  });

  it('GIVEN a chart with large CRDs THEN it syncs server-side; GIVEN istio-base THEN it ignores the failurePolicy istiod rewrites', () => {
    const [rollouts, base] = addonsForCluster({ 'argo-rollouts': { catalogue: 'argo-rollouts' }, 'istio-base': { catalogue: 'istio-base' } }, cluster) as [ResolvedAddon, ResolvedAddon];
    expect((buildAddonApplication(fleet, rollouts, 'eu-prod', -1).spec as any).syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true']);
    expect((buildAddonApplication(fleet, base, 'eu-prod', -1).spec as any).ignoreDifferences).toEqual([
      { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator', jqPathExpressions: ['.webhooks[]?.failurePolicy'] },
    ]);
  });
});

describe('deriveAddonWaves', () => {
  it('GIVEN apps in waves 0 and 3 using cert-manager.io THEN cert-manager goes one wave before the earliest', () => {
    const waves = deriveAddonWaves([{ name: 'cert-manager', provides: ['cert-manager.io'], needs: [] }], [
      { wave: 3, uses: [{ group: 'cert-manager.io', kind: 'Certificate' }] },
      { wave: 0, uses: [{ group: 'cert-manager.io', kind: 'Issuer' }] },
    ]);
    expect(waves).toEqual(new Map([['cert-manager', -1]]));
  });

  it('GIVEN no app using an add-on THEN it still goes first, in wave -10', () => {
    expect(deriveAddonWaves([{ name: 'istiod', provides: [], needs: [] }], [{ wave: 0, uses: [] }]).get('istiod')).toBe(UNUSED_ADDON_WAVE);
  });

  it('GIVEN an add-on that needs another one\'s CRDs THEN that one goes before it, recursively', () => {
    const waves = deriveAddonWaves(
      [
        { name: 'cert-manager-resources', provides: ['cert-manager.io'], needs: ['cert-manager.io/ClusterIssuer'] },
        { name: 'cert-manager', provides: ['cert-manager.io', 'acme.cert-manager.io'], needs: [] },
        { name: 'istiod', provides: [], needs: ['networking.istio.io'] },
        { name: 'istio-base', provides: ['networking.istio.io'], needs: [] },
      ],
      [{ wave: 2, uses: [{ group: 'cert-manager.io', kind: 'Certificate' }] }],
    );
    expect(Object.fromEntries(waves)).toEqual({ 'cert-manager-resources': 1, 'cert-manager': 0, istiod: -10, 'istio-base': -11 });
  });

  it('GIVEN a kind-level provide THEN only apps using that kind count (argoproj.io is also Argo CD\'s group)', () => {
    const units = [{ name: 'argo-rollouts', provides: ['argoproj.io/Rollout'], needs: [] }];
    expect(deriveAddonWaves(units, [{ wave: 5, uses: [{ group: 'argoproj.io', kind: 'Rollout' }] }]).get('argo-rollouts')).toBe(4);
    expect(deriveAddonWaves(units, [{ wave: 5, uses: [{ group: 'argoproj.io', kind: 'Workflow' }] }]).get('argo-rollouts')).toBe(UNUSED_ADDON_WAVE);
  });

  it('GIVEN add-ons that need each other THEN it terminates', () => {
    const waves = deriveAddonWaves([{ name: 'a', provides: ['a.io'], needs: ['b.io'] }, { name: 'b', provides: ['b.io'], needs: ['a.io'] }], []);
    expect([...waves.keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('layoutAddons', () => {
  it('GIVEN an app using Certificates and Rollouts THEN it writes each add-on before it, and cert-manager\'s ClusterIssuer between them', () => {
    const files = new FileSet();
    const content = { apps: new Map([['db', [certificate]], ['shop', [rollout]]]), argocd: [application('db', 0), application('shop', 5)] };
    const addons = { 'cert-manager': { catalogue: 'cert-manager' }, 'argo-rollouts': { catalogue: 'argo-rollouts' }, 'istio-base': { catalogue: 'istio-base', targets: { environments: ['dev'] } } };
    layoutAddons(files, { ...fleet, addons }, 'clusters/fleet.yaml', cluster, content);
    const written = files.entries();
    expect([...written.keys()]).toEqual([
      'clusters/eu-prod/addon-resources/cert-manager/clusterissuer-cluster-issuer.yaml',
      'clusters/eu-prod/addons/argo-rollouts.yaml',
      'clusters/eu-prod/addons/cert-manager-resources.yaml',
      'clusters/eu-prod/addons/cert-manager.yaml',
    ]);
    const wave = (name: string) => content.argocd.find((o) => o.metadata.name === name)!.metadata.annotations!['argocd.argoproj.io/sync-wave'];
    expect(['cert-manager', 'cert-manager-resources', 'argo-rollouts', 'db', 'shop'].map(wave)).toEqual(['-2', '-1', '4', '0', '5']);
    expect(written.get('clusters/eu-prod/addon-resources/cert-manager/clusterissuer-cluster-issuer.yaml')).toBe(
      [
        '# Code generated by fleetform from the catalogue\'s cert-manager add-on, on clusters/eu-prod/cluster.yaml; DO NOT EDIT.',
        'apiVersion: cert-manager.io/v1',
        'kind: ClusterIssuer',
        'metadata:',
        '  name: cluster-issuer',
        '  labels:',
        '    app.kubernetes.io/managed-by: fleetform',
        '    app.kubernetes.io/part-of: cert-manager',
        'spec:',
        '  selfSigned: {}',
        '',
      ].join('\n'),
    );
    expect((content.argocd.find((o) => o.metadata.name === 'cert-manager-resources')!.spec as any).source).toEqual({
      repoURL: 'https://example.com/fleet.git',
      targetRevision: 'main',
      path: 'clusters/eu-prod/addon-resources/cert-manager',
    });
  });

  it('GIVEN apps delivered by an ApplicationSet THEN the ApplicationSet\'s wave is theirs', () => {
    const set: KubeObject = { ...application('web', 3), kind: 'ApplicationSet', metadata: { name: 'web', annotations: { 'argocd.argoproj.io/sync-wave': '3' } }, spec: { generators: [{ list: { elements: [{ app: 'shop' }] } }] } };
    const content = { apps: new Map([['shop', [rollout]]]), argocd: [set] };
    layoutAddons(new FileSet(), { ...fleet, addons: { 'argo-rollouts': { catalogue: 'argo-rollouts' } } }, 'clusters/fleet.yaml', cluster, content);
    expect(content.argocd.at(-1)!.metadata.annotations!['argocd.argoproj.io/sync-wave']).toBe('2');
  });

  it('GIVEN no add-ons THEN it writes nothing', () => {
    const files = new FileSet();
    layoutAddons(files, fleet, 'clusters/fleet.yaml', cluster, { apps: new Map(), argocd: [] });
    expect(files.entries().size).toBe(0);
  });
});
