import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { renderExampleFleet } from './example-fleet.js';

/** The production inventory of the DBUpgrade operator (seed 002, sections 8 and 9), on one prod cluster. */
describe('dbupgrade on us-east-1-prod', async () => {
  const { layout } = await renderExampleFleet();
  const objects = layout!.clusters.get('us-east-1-prod')!.apps.get('dbupgrade')!;
  const get = (kind: string) => {
    const found = objects.find((o) => o.kind === kind);
    if (!found) throw new Error(`no ${kind}`);
    return found as KubeObject & { spec: any; data?: any; webhooks?: any };
  };
  const wave = (kind: string) => get(kind).metadata.annotations?.['argocd.argoproj.io/sync-wave'];

  it('has every object of the inventory, and nothing else', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Certificate/webhook-server-cert',
      'ClusterRole/dbupgrade-controller',
      'ClusterRoleBinding/dbupgrade-controller',
      'CustomResourceDefinition/dbupgrades.dbupgrade.subbug.learning',
      'Deployment/dbupgrade-controller',
      'Namespace/dbupgrade-system',
      'NetworkPolicy/dbupgrade-allow-dns',
      'NetworkPolicy/dbupgrade-controller',
      'NetworkPolicy/dbupgrade-default-deny',
      'PodDisruptionBudget/dbupgrade-controller',
      'Service/dbupgrade-webhook',
      'ServiceAccount/dbupgrade-controller',
      'ValidatingWebhookConfiguration/dbupgrade-validating-webhook',
    ]);
  });

  it('enforces the restricted Pod Security Standard on the namespace', () => {
    expect(get('Namespace').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
    });
  });

  it('keeps the CRD when its owner goes away', () => {
    expect(get('CustomResourceDefinition').metadata.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
    expect(get('CustomResourceDefinition').metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
  });

  it('runs three controller replicas with leader election, three ports, probes and anti-affinity', () => {
    const deployment = get('Deployment').spec;
    const pod = deployment.template.spec;
    const container = pod.containers[0];
    expect(deployment.replicas).toBe(3);
    expect(container.args).toContain('--leader-elect');
    expect(container.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([9443, 8080, 8081]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.serviceAccountName).toBe('dbupgrade-controller');
  });

  it('pulls every image from the region registry', () => {
    const container = get('Deployment').spec.template.spec.containers[0];
    expect(container.image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/dbupgrade-operator:v1.0.0');
    expect(container.env).toEqual([
      { name: 'CRANE_IMAGE', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/crane-tar:v1.0.0' },
      { name: 'ATLAS_IMAGE', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/atlas:0.14.0' },
    ]);
  });

  it('serves the webhook on 443 through a Service that selects the controller pods', () => {
    const service = get('Service').spec;
    expect(service.ports).toEqual([{ name: 'https', port: 443, targetPort: 'webhook', protocol: 'TCP' }]);
    expect(service.selector).toEqual(get('Deployment').spec.selector.matchLabels);
  });

  it('has cert-manager inject the CA into the webhook configuration', () => {
    const webhook = get('ValidatingWebhookConfiguration');
    expect(webhook.metadata.annotations).toMatchObject({ 'cert-manager.io/inject-ca-from': 'dbupgrade-system/webhook-server-cert' });
    expect(webhook.webhooks[0].clientConfig.service).toMatchObject({ name: 'dbupgrade-webhook', namespace: 'dbupgrade-system' });
    expect(get('Certificate').spec.dnsNames).toContain('dbupgrade-webhook.dbupgrade-system.svc');
  });

  it('keeps one controller up during disruptions and limits its traffic', () => {
    expect(get('PodDisruptionBudget').spec.minAvailable).toBe(1);
    const policy = (name: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name)?.spec as any;
    expect(policy('dbupgrade-default-deny')).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'dbupgrade' } }, policyTypes: ['Ingress', 'Egress'] });
    expect(policy('dbupgrade-controller').policyTypes).toEqual(['Ingress', 'Egress']);
    // The API server calls the webhook from addresses no selector describes: any source may reach 9443.
    expect(policy('dbupgrade-controller').ingress).toContainEqual({ ports: [{ port: 9443, protocol: 'TCP' }] });
  });

  it('syncs in the waves of section 9: CRD -1, RBAC 0, Certificate 1, workload 2, webhook 3', () => {
    expect(wave('CustomResourceDefinition')).toBe('-1');
    expect([wave('Namespace'), wave('ServiceAccount'), wave('ClusterRole'), wave('ClusterRoleBinding')]).toEqual(['0', '0', '0', '0']);
    expect(wave('Certificate')).toBe('1');
    expect([wave('Deployment'), wave('Service'), wave('NetworkPolicy'), wave('PodDisruptionBudget')]).toEqual(['2', '2', '2', '2']);
    expect(wave('ValidatingWebhookConfiguration')).toBe('3');
  });

  it('runs in staging and prod only', () => {
    expect([...layout!.clusters].filter(([, c]) => c.apps.has('dbupgrade')).map(([name]) => name)).toEqual(['ap-south-1-prod', 'eu-west-1-prod', 'us-east-1-prod', 'us-east-1-staging']);
  });

  it('runs two replicas in staging, where the environment override applies', () => {
    const staging = layout!.clusters.get('us-east-1-staging')!.apps.get('dbupgrade')!;
    expect((staging.find((o) => o.kind === 'Deployment')!.spec as { replicas: number }).replicas).toBe(2);
  });
});
