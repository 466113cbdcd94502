import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import type { Values } from '@fleetform/values';
import { manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';

const deployment = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: ${labels}
    spec: {containers: [{name: api, image: api:1.0.0}]}
`;
const policy = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec: ${spec}
`;
const APP_PODS = '{app.kubernetes.io/instance: web, app.kubernetes.io/name: web-api}';
const DEFAULT_DENY = policy('web-default-deny', '{podSelector: {matchLabels: {app.kubernetes.io/instance: web}}, policyTypes: [Ingress, Egress]}');

function objects(text: string): PolicyObject[] {
  return manifestsOf(text, 'apps/web/base/objects.yaml').manifests.map((manifest) => ({ manifest, object: manifest.object as KubeObject }));
}
const check = (text: string, options: { values?: Values; waivers?: Record<string, string>; app?: string } = {}) =>
  runPolicies(POLICIES, { objects: objects(text), app: options.app ?? 'web', values: options.values, locate: () => ({ file: 'apps/web/app.yaml', line: 7, col: 27 }) }, options.waivers);
const lines = (text: string, options?: Parameters<typeof check>[1]) =>
  check(text, options).findings.filter((d) => d.code === 'FF416').map((d) => formatDiagnostic(d));

describe('default-deny-network-policy', () => {
  it("GIVEN the app's default-deny THEN its pods are isolated both ways", () => {
    expect(lines(`${deployment(APP_PODS)}---\n${DEFAULT_DENY}`)).toEqual([]);
  });

  it('GIVEN no NetworkPolicy THEN the pod template is flagged with how to cover it', () => {
    expect(lines(deployment('{app: api}'))).toEqual([
      [
        'apps/web/base/objects.yaml:8:15: error FF416 at /spec/template/metadata/labels: [default-deny-network-policy] pods of Deployment api are not isolated for ingress and egress by any NetworkPolicy',
        "  hint: label the pods `app.kubernetes.io/instance: web` so the app's default-deny selects them, or add a NetworkPolicy with policyTypes [Ingress, Egress] that does",
      ].join('\n'),
    ]);
  });

  it('GIVEN policies that restrict one direction each, or select other pods or another namespace, THEN only what is left open is named', () => {
    const ingressOnly = policy('in', '{podSelector: {}}');
    const otherPods = policy('other', '{podSelector: {matchExpressions: [{key: app.kubernetes.io/name, operator: NotIn, values: [web-api]}]}, policyTypes: [Egress]}');
    const otherNamespace = DEFAULT_DENY.replace('namespace: shop', 'namespace: elsewhere');
    expect(check(`${deployment(APP_PODS)}---\n${ingressOnly}---\n${otherPods}---\n${otherNamespace}`).findings.filter((d) => d.code === 'FF416').map((d) => d.message)).toEqual([
      '[default-deny-network-policy] pods of Deployment api are not isolated for egress by any NetworkPolicy',
    ]);
    const egressByRules = policy('out', '{podSelector: {matchLabels: {app.kubernetes.io/name: web-api}}, egress: []}');
    expect(lines(`${deployment(APP_PODS)}---\n${ingressOnly}---\n${egressByRules}`)).toEqual([]);
  });

  it('GIVEN the values turn the default-deny off THEN the finding points at that value, and a waiver with a reason makes it a warning', () => {
    const values = { defaultDenyNetworkPolicy: false };
    expect(lines(deployment(APP_PODS), { values })).toEqual([
      [
        'apps/web/app.yaml:7:27: error FF416 at /defaultDenyNetworkPolicy: [default-deny-network-policy] pods of Deployment api are not isolated for ingress and egress by any NetworkPolicy: the app sets `defaultDenyNetworkPolicy: false`',
        '  hint: remove `defaultDenyNetworkPolicy: false` (allow what the app needs under `networkPolicy`), or waive `default-deny-network-policy` in `waivers` with the reason',
      ].join('\n'),
    ]);
    const waived = check(deployment(APP_PODS), { values, waivers: { 'default-deny-network-policy': 'a load-test cluster with no other tenants' } });
    expect(waived.findings.filter((d) => d.code === 'FF416')).toEqual([]);
    expect(waived.waived.map((d) => `${d.severity} ${d.message}`)).toContain(
      'warning [default-deny-network-policy] waived: a load-test cluster with no other tenants (pods of Deployment api are not isolated for ingress and egress by any NetworkPolicy: the app sets `defaultDenyNetworkPolicy: false`)',
    );
  });

  it('GIVEN loose manifests (no app) or a Rollout whose pods come from a workloadRef THEN there is nothing to check', () => {
    expect(runPolicies(POLICIES, { objects: objects(deployment(APP_PODS)) }).findings.filter((d) => d.code === 'FF416')).toEqual([]);
    const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api, namespace: shop}\nspec: {workloadRef: {apiVersion: apps/v1, kind: Deployment, name: api}}\n';
    expect(lines(rollout)).toEqual([]);
  });
});
