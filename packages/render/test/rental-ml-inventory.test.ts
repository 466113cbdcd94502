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
  /** The Deployment, or in prod for the API the Rollout, that runs a workload's pods. */
  const workload = (name: string, from: readonly KubeObject[] = objects): KubeObject & Loose => get(from === objects && name === 'rental-ml-api' ? 'Rollout' : 'Deployment', name, from);
  const container = (name: string, from?: readonly KubeObject[]) => workload(name, from).spec.template.spec.containers[0];

  it('runs an API and a worker, each autoscaled, with a ConfigMap, an ExternalSecret and network policies', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AnalysisTemplate/rental-ml-request-duration',
      'AnalysisTemplate/rental-ml-request-success-rate',
      'ConfigMap/rental-ml-config',
      'Deployment/rental-ml-worker',
      'ExternalSecret/rental-ml-app',
      'HorizontalPodAutoscaler/rental-ml-api',
      'HorizontalPodAutoscaler/rental-ml-worker',
      'Ingress/rental-ml-api',
      'Namespace/rental-ml',
      'NetworkPolicy/rental-ml-allow-dns',
      'NetworkPolicy/rental-ml-api',
      'NetworkPolicy/rental-ml-default-deny',
      'NetworkPolicy/rental-ml-worker',
      'PodDisruptionBudget/rental-ml-api',
      'Rollout/rental-ml-api',
      'Service/rental-ml-api',
      'Service/rental-ml-api-canary',
      'Service/rental-ml-worker-metrics',
      'ServiceAccount/rental-ml',
      'ServiceMonitor/rental-ml-api',
      'ServiceMonitor/rental-ml-worker',
    ]);
  });

  it('scales both workloads on CPU and memory', () => {
    for (const name of ['rental-ml-api', 'rental-ml-worker']) {
      const hpa = get('HorizontalPodAutoscaler', name).spec;
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: workload(name).apiVersion, kind: workload(name).kind, name });
      expect(hpa.metrics.map((m: Loose) => m.resource.name)).toEqual(['cpu', 'memory']);
      expect(workload(name).spec.replicas).toBeUndefined();
    }
    expect(get('HorizontalPodAutoscaler', 'rental-ml-api').spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    expect(get('HorizontalPodAutoscaler', 'rental-ml-api', on('us-east-1-dev')).spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
  });

  it('exposes the API through an Ingress with TLS from cert-manager, per environment', () => {
    const ingress = get('Ingress');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('cluster-issuer');
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.rental-ml.example.com'], secretName: 'rental-ml-api-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'rental-ml-api', port: { name: 'http' } });
    expect(get('Ingress', undefined, on('us-east-1-staging')).spec.rules[0].host).toBe('api.staging.rental-ml.example.com');
    expect(get('Ingress', undefined, on('us-east-1-dev')).spec.rules[0].host).toBe('api.dev.rental-ml.example.com');
  });

  it('denies all traffic by default and allows only what each workload needs', () => {
    expect(get('NetworkPolicy', 'rental-ml-default-deny').spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'rental-ml' } }, policyTypes: ['Ingress', 'Egress'] });
    expect(get('NetworkPolicy', 'rental-ml-allow-dns').spec.egress.flatMap((r: Loose) => r.ports.map((p: Loose) => `${p.port}/${p.protocol}`))).toEqual(['53/UDP', '53/TCP']);
    const api = get('NetworkPolicy', 'rental-ml-api').spec;
    expect(api.podSelector.matchLabels).toEqual(workload('rental-ml-api').spec.selector.matchLabels);
    expect(api.ingress[0]).toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8000, protocol: 'TCP' }] });
    const worker = get('NetworkPolicy', 'rental-ml-worker').spec;
    expect(worker.ingress.flatMap((r: Loose) => r.ports.map((p: Loose) => p.port))).toEqual([9090]);
    expect(worker.egress.flatMap((r: Loose) => r.ports.map((p: Loose) => p.port))).toEqual([5432, 6379, 443]);
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

  it('rolls a new API version out in prod as a canary through the ingress controller: 10%, 50%, 100%, analysed after each step', () => {
    const canary = workload('rental-ml-api').spec.strategy.canary;
    expect(canary.steps.filter((s: Loose) => 'setWeight' in s).map((s: Loose) => s.setWeight)).toEqual([10, 50, 100]);
    expect(canary.trafficRouting).toEqual({ nginx: { stableIngress: get('Ingress').metadata.name } });
    expect([canary.stableService, canary.canaryService]).toEqual(['rental-ml-api', 'rental-ml-api-canary']);
    const analysed = canary.steps.filter((s: Loose) => s.analysis).map((s: Loose) => s.analysis.templates.map((t: Loose) => t.templateName));
    expect(analysed).toEqual([
      ['rental-ml-request-success-rate', 'rental-ml-request-duration'],
      ['rental-ml-request-success-rate', 'rental-ml-request-duration'],
    ]);
    const condition = (name: string) => get('AnalysisTemplate', name).spec.metrics[0].successCondition;
    expect([condition('rental-ml-request-success-rate'), condition('rental-ml-request-duration')]).toEqual(['result[0] >= 0.99', 'result[0] <= 0.5']);
    for (const cluster of ['us-east-1-dev', 'us-east-1-staging']) {
      expect(on(cluster).filter((o) => o.kind === 'Rollout' || o.kind === 'AnalysisTemplate')).toEqual([]);
      expect(get('Deployment', 'rental-ml-api', on(cluster)).spec.strategy).toBeUndefined();
    }
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
