import { describe, expect, it } from 'vitest';
import { build, find, validWorkload, yaml } from './build.js';

const image = { repository: 'web', tag: 'v1.2.3' };

describe('a Deployment built from values', () => {
  it('GIVEN three replicas THEN it has the secure defaults, probes, resources and anti-affinity', () => {
    const { objects, diagnostics } = build({ image, workloads: { api: { ...validWorkload, replicas: 3 } } });
    expect(diagnostics).toEqual([]);
    expect(yaml(find(objects, 'Deployment'))).toMatchInlineSnapshot(`
      "apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-api
        namespace: shop
        labels:
          app.kubernetes.io/instance: web
          app.kubernetes.io/managed-by: fleetform
          app.kubernetes.io/name: web-api
          app.kubernetes.io/part-of: shop
          app.kubernetes.io/version: v1.2.3
        annotations:
          argocd.argoproj.io/sync-wave: "2"
      spec:
        replicas: 3
        selector:
          matchLabels:
            app.kubernetes.io/name: web-api
            app.kubernetes.io/instance: web
        template:
          metadata:
            labels:
              app.kubernetes.io/instance: web
              app.kubernetes.io/managed-by: fleetform
              app.kubernetes.io/name: web-api
              app.kubernetes.io/part-of: shop
              app.kubernetes.io/version: v1.2.3
          spec:
            serviceAccountName: web
            securityContext:
              runAsNonRoot: true
              seccompProfile:
                type: RuntimeDefault
            affinity:
              podAntiAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 100
                    podAffinityTerm:
                      labelSelector:
                        matchLabels:
                          app.kubernetes.io/name: web-api
                          app.kubernetes.io/instance: web
                      topologyKey: kubernetes.io/hostname
            containers:
              - name: main
                image: registry.eu.example.com/web:v1.2.3
                ports:
                  - name: http
                    containerPort: 8080
                    protocol: TCP
                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                readinessProbe:
                  httpGet:
                    path: /ready
                    port: http
                resources:
                  requests:
                    cpu: 10m
                    memory: 32Mi
                  limits:
                    cpu: 100m
                    memory: 64Mi
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                      - ALL
                  readOnlyRootFilesystem: true
                  runAsNonRoot: true
      "
    `);
  });

  it('GIVEN one replica THEN it does not ask for anti-affinity', () => {
    const { objects } = build({ image, workloads: { api: { ...validWorkload, replicas: 1 } } });
    const spec = (find(objects, 'Deployment').spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(spec.affinity).toBeUndefined();
  });

  it('GIVEN an explicit anti-affinity mode and no replicas of its own THEN the template still spreads its pods', () => {
    // An Argo Rollout that references the Deployment (workloadRef) runs the pods; the Deployment keeps none.
    const { objects } = build({ image, workloads: { api: { ...validWorkload, replicas: 0, antiAffinity: { mode: 'preferred', topologyKey: 'topology.kubernetes.io/zone' } } } });
    const spec = find(objects, 'Deployment').spec as { replicas: number; template: { spec: { affinity: unknown } } };
    expect(spec.replicas).toBe(0);
    expect(spec.template.spec.affinity).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web-api', 'app.kubernetes.io/instance': 'web' } }, topologyKey: 'topology.kubernetes.io/zone' } },
        ],
      },
    });
  });

  it('GIVEN a Service port without a number THEN it listens on the container port it targets', () => {
    const { objects, diagnostics } = build({
      image,
      workloads: { api: { ...validWorkload, ports: { http: { port: 9001 }, admin: { port: 9901 } }, services: { main: { ports: { http: {}, web: { targetPort: 'http' }, raw: { targetPort: 7000 } } } } } },
    });
    expect(diagnostics).toEqual([]);
    expect((find(objects, 'Service', 'web-main').spec as { ports: unknown }).ports).toEqual([
      { name: 'http', port: 9001, targetPort: 'http', protocol: 'TCP' },
      { name: 'web', port: 9001, targetPort: 'http', protocol: 'TCP' },
      { name: 'raw', port: 7000, targetPort: 7000, protocol: 'TCP' },
    ]);
  });

  it('GIVEN autoscaling THEN replicas are left to a HorizontalPodAutoscaler', () => {
    const { objects } = build({ image, workloads: { api: { ...validWorkload, replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 } } } });
    expect((find(objects, 'Deployment').spec as Record<string, unknown>).replicas).toBeUndefined();
    expect(yaml(find(objects, 'HorizontalPodAutoscaler').spec)).toMatchInlineSnapshot(`
      "scaleTargetRef:
        apiVersion: apps/v1
        kind: Deployment
        name: web-api
      minReplicas: 3
      maxReplicas: 10
      metrics:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: 70
        - type: Resource
          resource:
            name: memory
            target:
              type: Utilization
              averageUtilization: 80
      "
    `);
  });

  it('GIVEN no probes and no limits THEN it reports each missing piece with its path', () => {
    const { diagnostics } = build({ image, workloads: { api: { ports: { http: { port: 80 } }, resources: { requests: { cpu: '1', memory: '1Gi' } } } } });
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'FF202 /workloads/api/probes',
      'FF202 /workloads/api/probes',
      'FF205 /workloads/api/resources/limits/cpu',
      'FF205 /workloads/api/resources/limits/memory',
    ]);
  });

  it('GIVEN a probe on a port the workload lacks THEN it says which ports exist', () => {
    const probes = { ...validWorkload.probes, readiness: { http: { path: '/ready', port: 'admin' } } };
    const { diagnostics } = build({ image, workloads: { api: { ...validWorkload, probes } } });
    expect(diagnostics).toMatchObject([{ code: 'FF203', path: '/workloads/api/probes/readiness/http/port', expected: 'one of `http`', found: '`admin`' }]);
  });

  it('GIVEN env values naming images THEN they resolve to the regional registry', () => {
    const { objects } = build({ image, extraImages: { migrate: { repository: 'atlas', tag: '0.14.0' } }, workloads: { api: { ...validWorkload, env: { MIGRATE_IMAGE: { image: 'migrate' }, MODE: 'fast' } } } });
    const container = (find(objects, 'Deployment').spec as { template: { spec: { containers: { env: unknown; image: string }[] } } }).template.spec.containers[0]!;
    expect(container.image).toBe('registry.eu.example.com/web:v1.2.3');
    expect(container.env).toEqual([
      { name: 'MIGRATE_IMAGE', value: 'registry.eu.example.com/atlas:0.14.0' },
      { name: 'MODE', value: 'fast' },
    ]);
  });
});

describe('a StatefulSet built from values', () => {
  it('GIVEN volume claims THEN it gets a headless Service and one claim per replica', () => {
    const { objects, diagnostics } = build({
      image,
      workloads: { db: { ...validWorkload, kind: 'StatefulSet', replicas: 3, volumeClaimTemplates: { data: { mountPath: '/data', storage: '10Gi' } } } },
    });
    expect(diagnostics).toEqual([]);
    const statefulSet = find(objects, 'StatefulSet').spec as Record<string, unknown>;
    expect(statefulSet.serviceName).toBe('web-db-headless');
    expect(yaml(statefulSet.volumeClaimTemplates)).toMatchInlineSnapshot(`
      "- metadata:
          name: data
        spec:
          accessModes:
            - ReadWriteOnce
          resources:
            requests:
              storage: 10Gi
      "
    `);
    expect(find(objects, 'Service', 'web-db-headless').metadata.labels).toMatchObject({ 'fleetform.io/headless': 'true' });
    expect(yaml(find(objects, 'Service', 'web-db-headless').spec)).toMatchInlineSnapshot(`
      "clusterIP: None
      publishNotReadyAddresses: true
      selector:
        app.kubernetes.io/name: web-db
        app.kubernetes.io/instance: web
      ports:
        - name: http
          port: 8080
          targetPort: http
          protocol: TCP
      "
    `);
  });

  it('GIVEN a ServiceMonitor THEN it leaves out the headless Service, which exposes every port too', () => {
    const { objects, diagnostics } = build({
      image,
      workloads: {
        db: {
          ...validWorkload,
          kind: 'StatefulSet',
          ports: { http: { port: 8080 }, metrics: { port: 9090 } },
          services: { metrics: { ports: { metrics: {} } } },
          serviceMonitor: { port: 'metrics', interval: '30s' },
        },
      },
    });
    expect(diagnostics).toEqual([]);
    expect(yaml((find(objects, 'ServiceMonitor').spec as { selector: unknown }).selector)).toMatchInlineSnapshot(`
      "matchLabels:
        app.kubernetes.io/name: web-db
        app.kubernetes.io/instance: web
      matchExpressions:
        - key: fleetform.io/headless
          operator: DoesNotExist
      "
    `);
  });
});
