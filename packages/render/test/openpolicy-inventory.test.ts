import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { renderExampleFleet, repoRoot } from './example-fleet.js';

type Loose = any;

/** The seed's service groups and their ports (seed 004, "Service Distribution"); the gateway is the 25th service. */
const GROUPS: Record<string, number[]> = {
  core: [9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008, 9009, 9010, 9011, 9012],
  infrastructure: [9000, 9013, 9014, 9015, 9016, 9017, 9018],
  frontend: [9019, 9020, 9021, 9022, 9023],
  'error-reporting': [9024],
};

/** OpenPolicy (seed 004): 25 services on one pattern, the `openpolicy-service` profile, delivered by an ApplicationSet. */
describe('openpolicy', async () => {
  const { layout, inputs } = await renderExampleFleet();
  const names = [...inputs!.apps.keys()].filter((name) => name.startsWith('openpolicy-'));
  const prod = layout!.clusters.get('us-east-1-prod')!;
  const objectsOf = (app: string): readonly KubeObject[] => prod.apps.get(app)!;
  const get = (app: string, kind: string, name = `${app}-service`): KubeObject & Loose => {
    const found = objectsOf(app).find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in ${app}`);
    return found;
  };
  const portOf = (app: string): number => get(app, 'Rollout').spec.template.spec.containers[0].ports[0].containerPort;

  it('has 25 services in the seed groups, on ports 9001-9024 and the gateway on 9000', () => {
    expect(names).toHaveLength(25);
    const groups: Record<string, number[]> = {};
    for (const app of names) {
      const group = get(app, 'Rollout').metadata.labels['app.kubernetes.io/component'];
      (groups[group] ??= []).push(portOf(app));
    }
    expect(Object.fromEntries(Object.entries(groups).map(([g, ports]) => [g, ports.sort((a, b) => a - b)]))).toEqual(GROUPS);
  });

  it('describes each service in a few lines on the shared profile, not in 25 copies of the pattern', async () => {
    for (const app of names) {
      expect(inputs!.apps.get(app)!.value.profiles, app).toEqual(['openpolicy-service']);
      const text = await readFile(join(repoRoot, 'apps', app, 'app.yaml'), 'utf8');
      const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
      expect(lines.length, app).toBeLessThanOrEqual(40);
      expect(text, app).not.toMatch(/probes:|autoscaling:|resources:/);
    }
  });

  it('runs every service on the seed pattern: probes, resources, Service, HPA 3-10 on CPU 70% and memory 80%, ServiceMonitor, ConfigMap', () => {
    for (const app of names) {
      const port = portOf(app);
      const container = get(app, 'Rollout').spec.template.spec.containers[0];
      expect(container.livenessProbe, app).toEqual({ httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 30, periodSeconds: 10 });
      expect(container.readinessProbe, app).toEqual({ httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 5 });
      expect(container.resources, app).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
      expect(container.env, app).toEqual([{ name: 'SERVICE_PORT', value: String(port) }]);
      expect(container.envFrom, app).toEqual([{ configMapRef: { name: `${app}-config` } }]);
      expect(get(app, 'Rollout').spec.strategy.canary, app).toMatchObject({ maxUnavailable: 1, maxSurge: 1, trafficRouting: { istio: expect.anything() } });
      expect(get(app, 'Service').spec.ports, app).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
      expect(get(app, 'HorizontalPodAutoscaler').spec, app).toMatchObject({
        minReplicas: 3,
        maxReplicas: 10,
        metrics: [
          { resource: { name: 'cpu', target: { averageUtilization: 70 } } },
          { resource: { name: 'memory', target: { averageUtilization: 80 } } },
        ],
      });
      expect(get(app, 'ServiceMonitor').spec.endpoints, app).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
      expect(get(app, 'ConfigMap', `${app}-config`).data, app).toEqual({ NODE_ENV: 'production', LOG_LEVEL: 'INFO', ENABLE_METRICS: 'true' });
      expect(container.image, app).toMatch(new RegExp(`^123456789012\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/openpolicy/${app.slice('openpolicy-'.length)}-service:v`));
    }
  });

  it('shares one namespace, which one service owns', () => {
    const owners = names.filter((app) => objectsOf(app).some((o) => o.kind === 'Namespace'));
    expect(owners).toEqual(['openpolicy-policy']);
    expect(names.flatMap((app) => objectsOf(app).map((o) => o.metadata.namespace)).filter((n) => n !== undefined && n !== 'openpolicy')).toEqual([]);
  });

  it('has one alert rule group for the platform: a service down for a minute is critical', () => {
    const rules = names.flatMap((app) => objectsOf(app).filter((o) => o.kind === 'PrometheusRule'));
    expect(rules).toHaveLength(1);
    const [group] = (rules[0] as Loose).spec.groups;
    expect(group.rules).toEqual([
      expect.objectContaining({ alert: 'ServiceDown', expr: 'up{namespace="openpolicy"} == 0', for: '1m', labels: { severity: 'critical' } }),
    ]);
  });

  it('releases every service as a canary through Istio weights on its Service\'s subsets: 5%, 25%, 50%, 100%, analysed', () => {
    for (const app of names) {
      const canary = get(app, 'Rollout').spec.strategy.canary;
      expect(canary.steps.filter((s: Loose) => 'setWeight' in s).map((s: Loose) => s.setWeight), app).toEqual([5, 25, 50, 100]);
      expect(canary.steps.filter((s: Loose) => s.analysis).map((s: Loose) => s.analysis.templates.map((t: Loose) => t.templateName)), app).toEqual(
        Array(3).fill([`${app}-request-success-rate`, `${app}-request-duration`]),
      );
      const virtualService = get(app, 'VirtualService');
      expect(virtualService.spec.http[0].route.map((r: Loose) => [r.destination.host, r.destination.subset, r.weight]), app).toEqual([
        [`${app}-service`, 'stable', 100],
        [`${app}-service`, 'canary', 0],
      ]);
      expect(get(app, 'DestinationRule').spec.subsets.map((s: Loose) => s.name), app).toEqual(['canary', 'stable']);
      expect(get(app, 'AnalysisTemplate', `${app}-request-duration`).spec.metrics[0].successCondition, app).toBe('result[0] <= 500');
    }
  });

  it('routes search.openpolicy.local from the platform\'s gateway, as the seed\'s VirtualService did', () => {
    expect(get('openpolicy-search', 'VirtualService').spec).toMatchObject({
      hosts: ['openpolicy-search-service', 'search.openpolicy.local'],
      gateways: ['openpolicy-gateway', 'mesh'],
    });
    expect(objectsOf('openpolicy-search').filter((o) => o.kind === 'Deployment')).toEqual([]);
  });

  it('is delivered on every cluster by one ApplicationSet with a list generator, not by 25 Applications', () => {
    for (const [cluster, { argocd }] of layout!.clusters) {
      const sets = argocd.filter((o) => o.kind === 'ApplicationSet') as Loose[];
      expect(sets.map((s) => s.metadata.name), cluster).toEqual(['openpolicy']);
      expect(sets[0].spec.generators[0].list.elements.map((e: Loose) => e.app), cluster).toEqual(names);
      expect(argocd.filter((o) => o.kind === 'Application' && o.metadata.name.startsWith('openpolicy-')), cluster).toEqual([]);
    }
  });
});
