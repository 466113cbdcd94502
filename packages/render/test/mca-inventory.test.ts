import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { renderExampleFleet } from './example-fleet.js';

type Loose = any;

/** MCA, the multi-cluster adapter (seed 000), with the production values of its values-production.yaml. */
describe('mca on us-east-1-prod', async () => {
  const { layout } = await renderExampleFleet();
  const objects = layout!.clusters.get('us-east-1-prod')!.apps.get('mca')!;
  const get = (kind: string, name?: string): KubeObject & Loose => {
    const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
    return found;
  };
  const wave = (kind: string, name?: string) => get(kind, name).metadata.annotations?.['argocd.argoproj.io/sync-wave'];
  /** The operator runs as a blue-green Rollout, the webhook as a Deployment. */
  const workload = (name: string): KubeObject & Loose => get(name === 'mca-operator' ? 'Rollout' : 'Deployment', name);
  const container = (name: string) => workload(name).spec.template.spec.containers[0];

  it('has the operator, its CRD and RBAC, the webhook with its TLS, monitoring and the blue-green Rollout', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AnalysisTemplate/mca-success-rate',
      'Certificate/mca-webhook-cert',
      'ClusterRole/mca-operator',
      'ClusterRoleBinding/mca-operator',
      'ConfigMap/mca-config',
      'CustomResourceDefinition/mcaconfigs.mca.io',
      'Deployment/mca-webhook',
      'MutatingWebhookConfiguration/mca-sidecar-injector',
      'Namespace/mca-system',
      'NetworkPolicy/mca-allow-dns',
      'NetworkPolicy/mca-default-deny',
      'NetworkPolicy/mca-operator',
      'NetworkPolicy/mca-webhook',
      'PodDisruptionBudget/mca-operator',
      'PodDisruptionBudget/mca-webhook',
      'PrometheusRule/mca',
      'Role/mca-leader-election',
      'RoleBinding/mca-leader-election',
      'Rollout/mca-operator',
      'Service/mca-admission-webhook',
      'Service/mca-operator-active',
      'Service/mca-operator-preview',
      'ServiceAccount/mca',
      'ServiceMonitor/mca-operator',
      'ServiceMonitor/mca-webhook',
    ]);
  });

  it('serves the MCAConfig kind from the CRD mcaconfigs.mca.io, kept when its owner goes away', () => {
    const crd = get('CustomResourceDefinition');
    expect(crd.metadata.name).toBe('mcaconfigs.mca.io');
    expect(crd.spec).toMatchObject({ group: 'mca.io', names: { kind: 'MCAConfig', plural: 'mcaconfigs' }, scope: 'Namespaced' });
    expect(crd.spec.versions.map((v: Loose) => [v.name, v.served, v.storage])).toEqual([['v1', true, true]]);
    expect(Object.keys(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties)).toEqual(['clusters', 'routing']);
    expect(crd.metadata.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
  });

  it('runs the operator with leader election and the production image and resources', () => {
    const operator = container('mca-operator');
    expect(operator.args).toContain('--leader-elect');
    expect(operator.image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/mca/operator:v1.0.0');
    expect(operator.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(operator.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(operator.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(workload('mca-operator').spec.template.spec.affinity.podAntiAffinity).toBeDefined();
  });

  it('runs the three operator pods as an Argo Rollout, blue-green, promoted by a person, analysed before and after the switch', () => {
    const rollout = get('Rollout');
    expect(rollout.spec.replicas).toBe(3);
    const blueGreen = rollout.spec.strategy.blueGreen;
    expect(blueGreen).toMatchObject({ activeService: 'mca-operator-active', previewService: 'mca-operator-preview', autoPromotionEnabled: false, scaleDownDelaySeconds: 30 });
    for (const service of [blueGreen.activeService, blueGreen.previewService]) {
      expect(get('Service', service).spec.selector).toEqual(rollout.spec.selector.matchLabels);
    }
    for (const analysis of [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis]) {
      expect(analysis.templates.map((t: Loose) => t.templateName)).toEqual([get('AnalysisTemplate').metadata.name]);
    }
    expect(blueGreen.prePromotionAnalysis.args).toEqual([{ name: 'service-name', value: 'mca-operator-preview' }]);
    expect(blueGreen.postPromotionAnalysis.args).toEqual([{ name: 'service-name', value: 'mca-operator-active' }]);
    const [metric] = get('AnalysisTemplate').spec.metrics;
    expect(metric).toMatchObject({ interval: '1m', count: 5, failureLimit: 1, successCondition: 'result[0] >= 0.99' });
    expect(metric.provider.prometheus.address).toBe('http://prometheus-operated.monitoring.svc:9090');
    expect(get('PodDisruptionBudget', 'mca-operator').spec.selector.matchLabels).toEqual(rollout.spec.selector.matchLabels);
  });

  it('injects the sidecar with a mutating webhook: fail closed, no side effects, only in namespaces that opt in', () => {
    const configuration = get('MutatingWebhookConfiguration');
    const [webhook] = configuration.webhooks;
    expect(configuration.webhooks).toHaveLength(1);
    expect(webhook).toMatchObject({ name: 'sidecar-injector.mca.io', failurePolicy: 'Fail', sideEffects: 'None', admissionReviewVersions: ['v1', 'v1beta1'] });
    expect(webhook.namespaceSelector).toEqual({ matchLabels: { 'mca.io/injection': 'enabled' } });
    expect(webhook.rules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }]);
    expect(webhook.clientConfig.service).toEqual({ name: 'mca-admission-webhook', namespace: 'mca-system', port: 443, path: '/mutate' });
    expect(get('Service', 'mca-admission-webhook').spec.ports[0]).toEqual({ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' });
    expect(get('Deployment', 'mca-webhook').spec.replicas).toBe(2);
    expect(container('mca-webhook').env).toContainEqual({ name: 'SIDECAR_IMAGE', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/mca/proxy:v1.0.0' });
  });

  it('serves the webhook over TLS from a cert-manager Certificate whose CA cert-manager injects', () => {
    const certificate = get('Certificate');
    expect(get('MutatingWebhookConfiguration').metadata.annotations['cert-manager.io/inject-ca-from']).toBe(`mca-system/${certificate.metadata.name}`);
    expect(certificate.spec.issuerRef).toMatchObject({ name: 'cluster-issuer', kind: 'ClusterIssuer' });
    expect(certificate.spec.dnsNames).toEqual(['mca-admission-webhook.mca-system.svc', 'mca-admission-webhook.mca-system.svc.cluster.local']);
    const pod = get('Deployment', 'mca-webhook').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'webhook-certs', secret: { secretName: certificate.spec.secretName } });
  });

  it('binds the operator role and the leader-election role to the one ServiceAccount both workloads run as', () => {
    const subject = { kind: 'ServiceAccount', name: 'mca', namespace: 'mca-system' };
    expect(get('ClusterRoleBinding').subjects).toEqual([subject]);
    expect(get('RoleBinding').subjects).toEqual([subject]);
    expect(get('Role').rules[0]).toEqual({ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] });
    expect(get('ClusterRole').rules[0].resources).toEqual(['mcaconfigs']);
    for (const name of ['mca-operator', 'mca-webhook']) expect(workload(name).spec.template.spec.serviceAccountName).toBe('mca');
  });

  it('is scraped by Prometheus and alerts when the operator or the webhook is down', () => {
    expect(get('ServiceMonitor', 'mca-operator').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    expect(get('ServiceMonitor', 'mca-webhook').spec.endpoints[0].port).toBe('metrics');
    const [group] = get('PrometheusRule').spec.groups;
    expect(group.name).toBe('mca');
    const severities = Object.fromEntries(group.rules.map((r: Loose) => [r.alert, r.labels.severity]));
    expect(severities).toMatchObject({ MCAOperatorDown: 'critical', MCAWebhookDown: 'critical', MCARequestErrorRateHigh: 'warning', MCARequestLatencyHigh: 'warning' });
  });

  it('syncs the CRD first, RBAC, then the Certificate, the workloads and the Rollout, the webhook configuration last', () => {
    expect(wave('CustomResourceDefinition')).toBe('-1');
    expect([wave('Namespace'), wave('ServiceAccount'), wave('ClusterRole'), wave('Role')]).toEqual(['0', '0', '0', '0']);
    expect([wave('Certificate'), wave('ConfigMap')]).toEqual(['1', '1']);
    expect([wave('Deployment', 'mca-webhook'), wave('Service', 'mca-admission-webhook'), wave('Rollout'), wave('PrometheusRule')]).toEqual(['2', '2', '2', '2']);
    expect(wave('MutatingWebhookConfiguration')).toBe('3');
  });

  it('runs in staging and prod, not in dev', () => {
    const clusters = [...layout!.clusters].filter(([, c]) => c.apps.has('mca')).map(([name]) => name);
    expect(clusters).toEqual(['ap-south-1-prod', 'eu-west-1-prod', 'us-east-1-prod', 'us-east-1-staging']);
  });
});
