import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { renderExampleFleet } from './example-fleet.js';

type Loose = any;

/** The Rental ML platform (seed 001): API and worker, autoscaled, behind TLS and default-deny, secrets from a store. */
describe('rental-ml', async () => {
  const { layout, inputs } = await renderExampleFleet();
  const on = (cluster: string) => layout!.clusters.get(cluster)!.apps.get('rental-ml')!;
  const objects = on('us-east-1-prod');
  const get = (kind: string, name?: string, from: readonly KubeObject[] = objects): KubeObject & Loose => {
    const found = from.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
    return found;
  };
  const container = (name: string, from?: readonly KubeObject[]) => get('Deployment', name, from).spec.template.spec.containers[0];

  it('runs an API and a worker, each autoscaled, with a ConfigMap, an ExternalSecret and network policies', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/rental-ml-config',
      'Deployment/rental-ml-api',
      'Deployment/rental-ml-worker',
      'ExternalSecret/rental-ml-app',
      'HorizontalPodAutoscaler/rental-ml-api',
      'HorizontalPodAutoscaler/rental-ml-worker',
      'Ingress/rental-ml-api',
      'Namespace/rental-ml',
      'NetworkPolicy/rental-ml-api',
      'NetworkPolicy/rental-ml-default-deny',
      'NetworkPolicy/rental-ml-worker',
      'PodDisruptionBudget/rental-ml-api',
      'Service/rental-ml-api',
      'Service/rental-ml-worker-metrics',
      'ServiceAccount/rental-ml',
      'ServiceMonitor/rental-ml-api',
      'ServiceMonitor/rental-ml-worker',
    ]);
  });

  it('scales both workloads on CPU and memory', () => {
    for (const name of ['rental-ml-api', 'rental-ml-worker']) {
      const hpa = get('HorizontalPodAutoscaler', name).spec;
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.metrics.map((m: Loose) => m.resource.name)).toEqual(['cpu', 'memory']);
      expect(get('Deployment', name).spec.replicas).toBeUndefined();
    }
    expect(get('HorizontalPodAutoscaler', 'rental-ml-api').spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    expect(get('HorizontalPodAutoscaler', 'rental-ml-api', on('us-east-1-dev')).spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
  });

  it('exposes the API through an Ingress with TLS from cert-manager, per environment', () => {
    const ingress = get('Ingress');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.rental-ml.example.com'], secretName: 'rental-ml-api-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'rental-ml-api', port: { name: 'http' } });
    expect(get('Ingress', undefined, on('us-east-1-staging')).spec.rules[0].host).toBe('api.staging.rental-ml.example.com');
    expect(get('Ingress', undefined, on('us-east-1-dev')).spec.rules[0].host).toBe('api.dev.rental-ml.example.com');
  });

  it('denies all traffic by default and allows only what each workload needs', () => {
    expect(get('NetworkPolicy', 'rental-ml-default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const api = get('NetworkPolicy', 'rental-ml-api').spec;
    expect(api.podSelector.matchLabels).toEqual(get('Deployment', 'rental-ml-api').spec.selector.matchLabels);
    expect(api.ingress[0]).toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8000, protocol: 'TCP' }] });
    const worker = get('NetworkPolicy', 'rental-ml-worker').spec;
    expect(worker.ingress.flatMap((r: Loose) => r.ports.map((p: Loose) => p.port))).toEqual([9090]);
    expect(worker.egress.flatMap((r: Loose) => r.ports.map((p: Loose) => p.port))).toEqual([53, 53, 5432, 6379, 443]);
  });

  it('takes its settings from the ConfigMap, per environment', () => {
    expect(get('ConfigMap').data).toMatchObject({ ENVIRONMENT: 'production', MODEL_BUCKET: 'rental-ml-models-prod' });
    expect(get('ConfigMap', undefined, on('us-east-1-dev')).data).toMatchObject({ ENVIRONMENT: 'development', LOG_LEVEL: 'DEBUG' });
    for (const name of ['rental-ml-api', 'rental-ml-worker']) expect(container(name).envFrom).toEqual([{ configMapRef: { name: 'rental-ml-config' } }]);
  });

  it('gets its credentials through an ExternalSecret from the store, and no secret value is in git', () => {
    const secret = get('ExternalSecret');
    expect(secret.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(secret.spec.secretStoreRef).toEqual({ name: 'aws-secrets-manager', kind: 'ClusterSecretStore' });
    expect(secret.spec.target.name).toBe('rental-ml-app');
    expect(secret.spec.data.map((d: Loose) => d.secretKey)).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(secret.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
    expect(container('rental-ml-api').env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'rental-ml-app', key: 'DATABASE_URL' } } });
    for (const [, cluster] of layout!.clusters) expect([...cluster.apps.values()].flat().filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('runs dev → staging → prod in us-east-1; dev follows new tags, staging and prod change only through promotion', () => {
    const clusters = [...layout!.clusters].filter(([, c]) => c.apps.has('rental-ml')).map(([name]) => name);
    expect(clusters).toEqual(['us-east-1-dev', 'us-east-1-prod', 'us-east-1-staging']);
    const environments = inputs!.fleet.value.environments.map((e) => [e.name, e.promotion, e.immutableTags ?? false]);
    expect(environments).toEqual([
      ['dev', 'auto', false],
      ['staging', 'pullRequest', false],
      ['prod', 'pullRequest', true],
    ]);
  });
});
