import type { CanaryStep, Values } from '@fleetform/values';
import { describe, expect, it } from 'vitest';
import { build, find, validWorkload, yaml } from './build.js';

const image = { repository: 'web', tag: 'v1.2.3' };
const analysis = {
  prometheusAddress: 'http://prometheus-operated.monitoring.svc:9090',
  templates: {
    'success-rate': { query: 'sum(rate(http_requests_total{service="{{args.service-name}}",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="{{args.service-name}}"}[2m]))', min: 0.99 },
    latency: { query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{{args.service-name}}"}[2m])))', max: 0.5, interval: '30s' },
    unused: { query: 'vector(1)', min: 1 },
  },
};
const api = {
  ...validWorkload,
  replicas: 3,
  services: { web: { ports: { http: { port: 80, targetPort: 'http' } } } },
  serviceMonitor: { port: 'http' },
};
const seedSteps: [CanaryStep, ...CanaryStep[]] = [{ setWeight: 10 }, { pause: { duration: '5m' } }, { analysis: ['success-rate', 'latency'] }, { setWeight: 50 }, { pause: {} }, { setWeight: 100 }];

const withStrategy = (strategy: NonNullable<Values['workloads']>[string]['strategy'], extra: object = {}): Values => ({
  image,
  analysis,
  workloads: { api: { ...api, ...extra, strategy } },
});
const kinds = (objects: readonly { kind: string; metadata: { name: string } }[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

describe('a canary rollout built from values', () => {
  it('GIVEN Canary with the seed\'s steps THEN a Rollout replaces the Deployment, with a canary Service and the used analyses only', () => {
    const { objects, diagnostics } = build(withStrategy({ type: 'Canary', maxSurge: 1, canary: { steps: seedSteps } }));
    expect(diagnostics).toEqual([]);
    // NetworkPolicies are left out: they follow the pods, whatever runs them.
    expect(kinds(objects).filter((k) => !k.startsWith('NetworkPolicy/'))).toEqual([
      'AnalysisTemplate/web-latency',
      'AnalysisTemplate/web-success-rate',
      'Namespace/shop',
      'Rollout/web-api',
      'Service/web-api-canary',
      'Service/web-web',
      'ServiceAccount/web',
      'ServiceMonitor/web-api',
    ]);
    expect(yaml((find(objects, 'Rollout').spec as { strategy: unknown }).strategy)).toMatchInlineSnapshot(`
      "canary:
        canaryService: web-api-canary
        stableService: web-web
        maxSurge: 1
        steps:
          - setWeight: 10
          - pause:
              duration: 5m
          - analysis:
              templates:
                - templateName: web-success-rate
                - templateName: web-latency
              args:
                - name: service-name
                  value: web-api-canary
          - setWeight: 50
          - pause: {}
          - setWeight: 100
      "
    `);
  });

  it('GIVEN Canary THEN the Rollout keeps the Deployment\'s replicas, selector and pod template exactly', () => {
    const rolling = find(build(withStrategy({ type: 'RollingUpdate' })).objects, 'Deployment');
    const rollout = find(build(withStrategy({ type: 'Canary', canary: { steps: seedSteps } })).objects, 'Rollout');
    const { strategy: _rolling, ...deploymentSpec } = rolling.spec as Record<string, unknown>;
    const { strategy: _canary, ...rolloutSpec } = rollout.spec as Record<string, unknown>;
    expect(rolloutSpec).toEqual(deploymentSpec);
    expect(rollout.metadata).toEqual(rolling.metadata);
  });

  it('GIVEN Canary THEN the canary Service copies the stable one, and the ServiceMonitor scrapes the stable one only', () => {
    const { objects } = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps } }));
    const stable = find(objects, 'Service', 'web-web');
    const canary = find(objects, 'Service', 'web-api-canary');
    expect(canary.spec).toEqual(stable.spec);
    expect(canary.metadata.labels?.['fleetform.io/rollout-service']).toBe('canary');
    expect((find(objects, 'ServiceMonitor').spec as { selector: unknown }).selector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'web-api', 'app.kubernetes.io/instance': 'web' },
      matchExpressions: [{ key: 'fleetform.io/rollout-service', operator: 'DoesNotExist' }],
    });
  });

  it('GIVEN autoscaling THEN the HorizontalPodAutoscaler scales the Rollout, which leaves replicas to it', () => {
    const { objects } = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps } }, { autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 } }));
    expect((find(objects, 'HorizontalPodAutoscaler').spec as { scaleTargetRef: unknown }).scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web-api' });
    expect((find(objects, 'Rollout').spec as { replicas?: number }).replicas).toBeUndefined();
  });

  it('GIVEN an analysis THEN its AnalysisTemplate asks Prometheus at the address from the values, with the threshold as its condition', () => {
    const { objects } = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps } }));
    expect(yaml(find(objects, 'AnalysisTemplate', 'web-latency'))).toMatchInlineSnapshot(`
      "apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata:
        name: web-latency
        namespace: shop
        labels:
          app.kubernetes.io/instance: web
          app.kubernetes.io/managed-by: fleetform
          app.kubernetes.io/name: web
          app.kubernetes.io/part-of: shop
        annotations:
          argocd.argoproj.io/sync-wave: "1"
      spec:
        args:
          - name: service-name
          - name: namespace
            value: shop
        metrics:
          - name: latency
            interval: 30s
            count: 5
            failureLimit: 1
            successCondition: result[0] <= 0.5
            provider:
              prometheus:
                address: http://prometheus-operated.monitoring.svc:9090
                query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{{args.service-name}}"}[2m])))
      "
    `);
  });

  it('GIVEN trafficRouting istio THEN a VirtualService and a DestinationRule split the one Service by subsets', () => {
    const { objects, diagnostics } = build(
      withStrategy({ type: 'Canary', canary: { steps: seedSteps, analysis: ['success-rate'], trafficRouting: 'istio', istio: { hosts: ['web.example.com'], gateways: ['web-gateway', 'mesh'] } } }),
    );
    expect(diagnostics).toEqual([]);
    expect(objects.some((o) => o.metadata.name === 'web-api-canary')).toBe(false);
    const strategy = (find(objects, 'Rollout').spec as { strategy: { canary: Record<string, unknown> } }).strategy.canary;
    expect(yaml({ analysis: strategy.analysis, trafficRouting: strategy.trafficRouting, canaryService: strategy.canaryService })).toMatchInlineSnapshot(`
      "analysis:
        templates:
          - templateName: web-success-rate
        args:
          - name: service-name
            value: web-web
      trafficRouting:
        istio:
          virtualService:
            name: web-api
            routes:
              - primary
          destinationRule:
            name: web-api
            canarySubsetName: canary
            stableSubsetName: stable
      "
    `);
    expect(yaml([find(objects, 'VirtualService').spec, find(objects, 'DestinationRule').spec])).toMatchInlineSnapshot(`
      "- hosts:
          - web.example.com
        gateways:
          - web-gateway
          - mesh
        http:
          - name: primary
            route:
              - destination:
                  host: web-web
                  subset: stable
                  port:
                    number: 80
                weight: 100
              - destination:
                  host: web-web
                  subset: canary
                  port:
                    number: 80
                weight: 0
      - host: web-web
        subsets:
          - name: canary
            labels:
              app.kubernetes.io/name: web-api
              app.kubernetes.io/instance: web
          - name: stable
            labels:
              app.kubernetes.io/name: web-api
              app.kubernetes.io/instance: web
      "
    `);
  });

  it('GIVEN trafficRouting nginx THEN the Rollout names the workload\'s Ingress as the stable one', () => {
    const ingress = { host: 'web.example.com', className: 'nginx' };
    const { objects, diagnostics } = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps, trafficRouting: 'nginx' } }, { ingress }));
    expect(diagnostics).toEqual([]);
    const canary = (find(objects, 'Rollout').spec as { strategy: { canary: Record<string, unknown> } }).strategy.canary;
    expect(canary.trafficRouting).toEqual({ nginx: { stableIngress: 'web-api' } });
    expect([canary.stableService, canary.canaryService]).toEqual(['web-web', 'web-api-canary']);
  });
});

describe('a blue-green rollout built from values', () => {
  it('GIVEN BlueGreen as seed 000 has it THEN active and preview Services, manual promotion and analysis before and after', () => {
    const { objects, diagnostics } = build(
      withStrategy({ type: 'BlueGreen', blueGreen: { autoPromotion: false, scaleDownDelaySeconds: 30, prePromotionAnalysis: ['success-rate'], postPromotionAnalysis: ['success-rate'] } }),
    );
    expect(diagnostics).toEqual([]);
    expect(kinds(objects).filter((k) => /^(Service|Rollout|Deployment|AnalysisTemplate)\//.test(k))).toEqual(['AnalysisTemplate/web-success-rate', 'Rollout/web-api', 'Service/web-api-preview', 'Service/web-web']);
    expect(yaml((find(objects, 'Rollout').spec as { strategy: unknown }).strategy)).toMatchInlineSnapshot(`
      "blueGreen:
        activeService: web-web
        previewService: web-api-preview
        autoPromotionEnabled: false
        scaleDownDelaySeconds: 30
        prePromotionAnalysis:
          templates:
            - templateName: web-success-rate
          args:
            - name: service-name
              value: web-api-preview
        postPromotionAnalysis:
          templates:
            - templateName: web-success-rate
          args:
            - name: service-name
              value: web-web
      "
    `);
  });
});

describe('strategies that cannot be built', () => {
  it('GIVEN RollingUpdate with analyses defined THEN a Deployment and no AnalysisTemplate', () => {
    const { objects, diagnostics } = build(withStrategy({ type: 'RollingUpdate', maxSurge: 1 }));
    expect(diagnostics).toEqual([]);
    expect(kinds(objects).filter((k) => /^(Rollout|Deployment|AnalysisTemplate)\//.test(k))).toEqual(['Deployment/web-api']);
  });

  it('GIVEN a StatefulSet with Canary THEN FF217', () => {
    const { diagnostics } = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps } }, { kind: 'StatefulSet' }));
    expect(codes(diagnostics)).toEqual(['FF217']);
    expect(diagnostics[0]!.path).toBe('/workloads/api/strategy/type');
  });

  it('GIVEN BlueGreen on a workload without Services, or naming an unknown one THEN FF218', () => {
    expect(codes(build(withStrategy({ type: 'BlueGreen' }, { services: undefined, serviceMonitor: undefined })).diagnostics)).toEqual(['FF218']);
    const named = build(withStrategy({ type: 'BlueGreen', service: 'front' })).diagnostics;
    expect(codes(named)).toEqual(['FF218']);
    expect(named[0]!.path).toBe('/workloads/api/strategy/service');
  });

  it('GIVEN nginx routing without an ingress, or with one that leads to another Service THEN FF218', () => {
    expect(codes(build(withStrategy({ type: 'Canary', canary: { steps: seedSteps, trafficRouting: 'nginx' } })).diagnostics)).toEqual(['FF218']);
    const services = { ...api.services, admin: { ports: { http: {} } } };
    const elsewhere = build(withStrategy({ type: 'Canary', canary: { steps: seedSteps, trafficRouting: 'nginx' } }, { services, ingress: { host: 'web.example.com', service: 'admin' } })).diagnostics;
    expect(codes(elsewhere)).toEqual(['FF218']);
    expect(elsewhere[0]!.path).toBe('/workloads/api/ingress/service');
  });

  it('GIVEN an analysis the values do not define, or one without threshold THEN FF219', () => {
    const unknown = build(withStrategy({ type: 'Canary', canary: { steps: [{ setWeight: 50 }, { analysis: ['error-rate'] }, { setWeight: 100 }] } })).diagnostics;
    expect(codes(unknown)).toEqual(['FF219']);
    expect(unknown[0]!.path).toBe('/workloads/api/strategy/canary/steps/1/analysis/0');
    const values = withStrategy({ type: 'BlueGreen', blueGreen: { prePromotionAnalysis: ['loose'] } });
    const loose = build({ ...values, analysis: { ...analysis, templates: { loose: { query: 'vector(1)' } } } }).diagnostics;
    expect(codes(loose)).toEqual(['FF219']);
  });

  it('GIVEN analyses but no Prometheus address in any layer THEN FF200 at analysis.prometheusAddress', () => {
    const values = withStrategy({ type: 'BlueGreen', blueGreen: { prePromotionAnalysis: ['success-rate'] } });
    const { diagnostics } = build({ ...values, analysis: { templates: analysis.templates } });
    expect(codes(diagnostics)).toEqual(['FF200']);
    expect(diagnostics[0]!.path).toBe('/analysis/prometheusAddress');
  });

  it('GIVEN Canary without steps THEN FF200 at its steps', () => {
    const { diagnostics } = build(withStrategy({ type: 'Canary' }));
    expect(codes(diagnostics)).toEqual(['FF200']);
    expect(diagnostics[0]!.path).toBe('/workloads/api/strategy/canary/steps');
  });
});
