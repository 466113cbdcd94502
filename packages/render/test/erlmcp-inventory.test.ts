import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { renderExampleFleet } from './example-fleet.js';

type Loose = any;

/** erlmcp v3 (seed 003): an Erlang cluster as a StatefulSet, 1 / 3 / 6 nodes in dev / staging / prod. */
describe('erlmcp', async () => {
  const { layout } = await renderExampleFleet();
  const on = (cluster: string) => layout!.clusters.get(cluster)!.apps.get('erlmcp')!;
  const objects = on('us-east-1-prod');
  const get = (kind: string, name?: string, from: readonly KubeObject[] = objects): KubeObject & Loose => {
    const found = from.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
    return found;
  };
  const statefulSet = get('StatefulSet').spec;
  const pod = statefulSet.template.spec;
  const container = pod.containers[0];

  it('has the StatefulSet, its headless, client and metrics Services, PDB, HPA, NetworkPolicy, ServiceMonitor and cookie', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/erlmcp-config',
      'ExternalSecret/erlmcp-erlang',
      'HorizontalPodAutoscaler/erlmcp',
      'Namespace/erlmcp',
      'NetworkPolicy/erlmcp',
      'NetworkPolicy/erlmcp-allow-dns',
      'NetworkPolicy/erlmcp-default-deny',
      'PodDisruptionBudget/erlmcp',
      'Service/erlmcp-client',
      'Service/erlmcp-headless',
      'Service/erlmcp-metrics',
      'ServiceAccount/erlmcp',
      'ServiceMonitor/erlmcp',
      'StatefulSet/erlmcp',
    ]);
  });

  it('gives every node a stable name through the headless Service, which the node names itself by', () => {
    const headless = get('Service', 'erlmcp-headless').spec;
    expect(statefulSet.serviceName).toBe('erlmcp-headless');
    expect(headless).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true, selector: statefulSet.selector.matchLabels });
    expect(headless.ports.map((p: Loose) => p.port)).toEqual([8080, 9090, 4369, 9100]);
    expect(container.env).toContainEqual({ name: 'NODE_NAME', value: 'erlmcp@$(POD_NAME).erlmcp-headless.$(POD_NAMESPACE).svc.cluster.local' });
    expect(container.env).toContainEqual({ name: 'ERLANG_COOKIE', valueFrom: { secretKeyRef: { name: 'erlmcp-erlang', key: 'cookie' } } });
    expect(get('ExternalSecret').spec.data).toEqual([{ secretKey: 'cookie', remoteRef: { key: 'erlmcp/erlang-cookie' } }]);
  });

  it('keeps each node state on a volume claim of its own', () => {
    expect(statefulSet.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }]);
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/erlmcp' });
  });

  it('serves clients through a LoadBalancer and Prometheus through the metrics Service, not through the headless one', () => {
    expect(get('Service', 'erlmcp-client').spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
    expect(get('Service', 'erlmcp-metrics').spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }]);
    const monitor = get('ServiceMonitor').spec;
    expect(monitor.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
    expect(monitor.selector.matchExpressions).toEqual([{ key: 'fleetform.io/headless', operator: 'DoesNotExist' }]);
    expect(get('Service', 'erlmcp-headless').metadata.labels['fleetform.io/headless']).toBe('true');
    expect(get('Service', 'erlmcp-metrics').metadata.labels['fleetform.io/headless']).toBeUndefined();
  });

  it('spreads nodes across zones, lets one go at a time, and gives a stopping node time to leave', () => {
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('topology.kubernetes.io/zone');
    expect(get('PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: statefulSet.selector.matchLabels } });
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    expect(container.lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
  });

  it('lets only cluster peers reach the distribution ports, and Prometheus the metrics', () => {
    const policy = get('NetworkPolicy').spec;
    const peers = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'erlmcp', 'app.kubernetes.io/instance': 'erlmcp' } } };
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress).toContainEqual({ from: [peers], ports: [{ port: 4369, protocol: 'TCP' }, { port: 9100, protocol: 'TCP' }] });
    expect(policy.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9090, protocol: 'TCP' }] });
    expect(policy.egress).toContainEqual({ to: [peers], ports: [{ port: 4369, protocol: 'TCP' }, { port: 9100, protocol: 'TCP' }] });
  });

  it('runs production with the seed resources and 6 to 12 nodes', () => {
    expect(container.resources).toEqual({ requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '4', memory: '8Gi' } });
    expect(get('HorizontalPodAutoscaler').spec).toMatchObject({ scaleTargetRef: { kind: 'StatefulSet', name: 'erlmcp' }, minReplicas: 6, maxReplicas: 12 });
  });

  it('runs 1 node in dev, 3 in staging and 6 in prod', () => {
    const nodes = (cluster: string) => {
      const hpa = on(cluster).find((o) => o.kind === 'HorizontalPodAutoscaler') as Loose;
      return hpa ? hpa.spec.minReplicas : (get('StatefulSet', undefined, on(cluster)).spec.replicas as number);
    };
    expect(['us-east-1-dev', 'us-east-1-staging', 'us-east-1-prod', 'eu-west-1-prod', 'ap-south-1-prod'].map(nodes)).toEqual([1, 3, 6, 6, 6]);
    expect(on('us-east-1-dev').some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(get('StatefulSet', undefined, on('us-east-1-staging')).spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '2', memory: '4Gi' });
  });
});
