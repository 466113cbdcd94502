import { describe, expect, it } from 'vitest';
import { build, find, validWorkload, yaml } from './build.js';

describe('network policies', () => {
  it('GIVEN restricted ingress and egress THEN DNS stays allowed and peers become selectors', () => {
    const { objects } = build({
      image: { repository: 'web', tag: 'v1' },
      defaultDenyNetworkPolicy: true,
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
        - ports:
            - port: 53
              protocol: UDP
            - port: 53
              protocol: TCP
        - to:
            - ipBlock:
                cidr: 10.0.0.0/8
          ports:
            - port: 5432
              protocol: TCP
      "
    `);
    expect(find(objects, 'NetworkPolicy', 'web-default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });
});
