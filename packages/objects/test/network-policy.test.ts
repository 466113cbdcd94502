import { describe, expect, it } from 'vitest';
import type { Values } from '@fleetform/values';
import { build, find, validWorkload, yaml } from './build.js';

const image = { repository: 'web', tag: 'v1' };
const policies = (values: Values, raw?: string) => build(values, { raw }).objects.filter((o) => o.kind === 'NetworkPolicy');
const names = (values: Values, raw?: string) => policies(values, raw).map((o) => o.metadata.name);

describe('network policies', () => {
  it('GIVEN an app with no network values THEN its pods deny all traffic but DNS to the cluster DNS', () => {
    const objects = policies({ image, workloads: { api: validWorkload } });
    expect(objects.map((o) => o.metadata.name)).toEqual(['web-allow-dns', 'web-default-deny']);
    expect(yaml(objects.map((o) => o.spec))).toMatchInlineSnapshot(`
      "- podSelector:
          matchLabels:
            app.kubernetes.io/instance: web
        policyTypes:
          - Egress
        egress:
          - to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: kube-system
                podSelector:
                  matchLabels:
                    k8s-app: kube-dns
            ports:
              - port: 53
                protocol: UDP
              - port: 53
                protocol: TCP
      - podSelector:
          matchLabels:
            app.kubernetes.io/instance: web
        policyTypes:
          - Ingress
          - Egress
      "
    `);
  });

  it('GIVEN restricted ingress and egress THEN peers become selectors and DNS is left to the app-wide policy', () => {
    const { objects } = build({
      image,
      workloads: {
        api: {
          ...validWorkload,
          networkPolicy: {
            ingress: [{ ports: [8080], peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress' } }] }],
            egress: [{ ports: [{ port: 5432 }], peers: [{ cidr: '10.0.0.0/8' }] }],
          },
        },
      },
    });
    expect(yaml(find(objects, 'NetworkPolicy', 'web-api').spec)).toMatchInlineSnapshot(`
      "podSelector:
        matchLabels:
          app.kubernetes.io/name: web-api
          app.kubernetes.io/instance: web
      policyTypes:
        - Ingress
        - Egress
      ingress:
        - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: ingress
          ports:
            - port: 8080
              protocol: TCP
      egress:
        - to:
            - ipBlock:
                cidr: 10.0.0.0/8
          ports:
            - port: 5432
              protocol: TCP
      "
    `);
  });

  it('GIVEN an Ingress, a ServiceMonitor and a webhook THEN the controller, Prometheus and the API server may reach their container ports', () => {
    const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hook}
webhooks:
  - name: check.example.com
    clientConfig: {service: {name: web-hooks, namespace: shop, path: /validate}}
`;
    const workload = {
      ...validWorkload,
      ports: { http: { port: 8080 }, metrics: { port: 9090 }, webhook: { port: 9443 } },
      services: { api: { ports: { web: { port: 80, targetPort: 'http' }, metrics: {} } }, hooks: { ports: { https: { port: 443, targetPort: 'webhook' } } } },
      ingress: { host: 'web.example.com' },
      serviceMonitor: { port: 'metrics' },
    };
    const { objects } = build({ image, platformNamespaces: { ingressController: 'traefik' }, workloads: { api: workload } }, { raw: webhook });
    expect(yaml(find(objects, 'NetworkPolicy', 'web-api').spec)).toMatchInlineSnapshot(`
      "podSelector:
        matchLabels:
          app.kubernetes.io/name: web-api
          app.kubernetes.io/instance: web
      policyTypes:
        - Ingress
      ingress:
        - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: traefik
          ports:
            - port: 8080
              protocol: TCP
        - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
          ports:
            - port: 9090
              protocol: TCP
        - ports:
            - port: 9443
              protocol: TCP
      "
    `);
  });

  it('GIVEN values that already allow what the app needs THEN each rule appears once', () => {
    const monitoring = { ports: [9090], peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }] };
    const workload = { ...validWorkload, ports: { metrics: { port: 9090 } }, services: { api: { ports: { metrics: {} } } }, serviceMonitor: { port: 'metrics' }, networkPolicy: { ingress: [monitoring] } };
    const { objects } = build({ image, workloads: { api: workload } });
    expect(find(objects, 'NetworkPolicy', 'web-api').spec).toMatchObject({
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9090, protocol: 'TCP' }] }],
    });
    expect((find(objects, 'NetworkPolicy', 'web-api').spec as { ingress: unknown[] }).ingress).toHaveLength(1);
  });

  it('GIVEN a workload without DNS THEN the app-wide DNS allow leaves its pods out', () => {
    const objects = build({ image, workloads: { api: validWorkload, batch: { ...validWorkload, networkPolicy: { allowDNS: false } } } }).objects;
    expect(find(objects, 'NetworkPolicy', 'web-allow-dns').spec).toMatchObject({
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'web' }, matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['web-batch'] }] },
    });
    expect(names({ image, workloads: { batch: { ...validWorkload, networkPolicy: { allowDNS: false } } } })).toEqual(['web-default-deny']);
  });

  it('GIVEN the default-deny turned off THEN only listed directions are restricted, with DNS and the platform allows', () => {
    const values: Values = {
      image,
      defaultDenyNetworkPolicy: false,
      workloads: {
        api: { ...validWorkload, services: { api: { ports: { http: {} } } }, serviceMonitor: { port: 'http' }, networkPolicy: { ingress: [], egress: [{ ports: [443] }] } },
        open: validWorkload,
      },
    };
    const objects = policies(values);
    expect(objects.map((o) => o.metadata.name)).toEqual(['web-api']);
    expect(objects[0]!.spec).toMatchObject({
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }, { ports: [{ port: 443, protocol: 'TCP' }] }],
    });
  });
});
