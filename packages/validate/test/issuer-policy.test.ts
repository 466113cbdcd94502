import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import { manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';

const certificate = (issuerRef: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: webhook, namespace: db}
spec:
  secretName: webhook-tls
  issuerRef: ${issuerRef}
`;
const ingress = (annotation: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: db
  annotations: {${annotation}}
spec: {rules: []}
`;

function objects(text: string): PolicyObject[] {
  return manifestsOf(text, 'apps/db/base/x.yaml').manifests.map((manifest) => ({ manifest: { ...manifest, cluster: 'eu-west-1-prod' }, object: manifest.object as KubeObject }));
}
const findings = (text: string, issuers?: readonly string[]) =>
  runPolicies(POLICIES, { objects: objects(text), app: 'db', issuers: issuers && new Set(issuers) }).findings.filter((d) => d.code === 'FF415');

describe('issuer-references-resolve', () => {
  it('GIVEN a Certificate naming a ClusterIssuer the cluster lacks THEN it points at the name and offers the ones there are', () => {
    const [finding, ...rest] = findings(certificate('{name: ca-issuer, kind: ClusterIssuer, group: cert-manager.io}'), ['ClusterIssuer/cluster-issuer']);
    expect(rest).toEqual([]);
    expect(formatDiagnostic(finding!)).toBe(
      [
        'apps/db/base/x.yaml:6:21: error FF415 at /spec/issuerRef/name: [issuer-references-resolve] apps/db Certificate `webhook` names ClusterIssuer `ca-issuer`, which nothing renders on cluster eu-west-1-prod',
        "  hint: use one that exists there: `cluster-issuer`; or render the ClusterIssuer (an app's resources/, or an add-on's objects)",
      ].join('\n'),
    );
  });

  it('GIVEN the ClusterIssuer is rendered on the cluster THEN the Certificate is fine', () => {
    expect(findings(certificate('{name: cluster-issuer, kind: ClusterIssuer}'), ['ClusterIssuer/cluster-issuer'])).toEqual([]);
  });

  it('GIVEN an issuerRef without a kind THEN it means an Issuer in the Certificate\'s own namespace', () => {
    expect(findings(certificate('{name: local}'), ['Issuer/db/local'])).toEqual([]);
    expect(findings(certificate('{name: local}'), ['Issuer/other/local', 'ClusterIssuer/local']).map((d) => d.message)).toEqual([
      '[issuer-references-resolve] apps/db Certificate `webhook` names Issuer `local`, which nothing renders on cluster eu-west-1-prod in namespace db',
    ]);
  });

  it('GIVEN an Ingress asking for a ClusterIssuer by annotation THEN the annotation is checked, and with no issuer at all the hint names cert-manager', () => {
    const [finding] = findings(ingress('cert-manager.io/cluster-issuer: letsencrypt'), []);
    expect(finding!.path).toBe('/metadata/annotations/cert-manager.io/cluster-issuer');
    expect(finding!.hint).toBe('install the `cert-manager` add-on (its catalogue entry renders ClusterIssuer `cluster-issuer`), or render the ClusterIssuer with an app');
    expect(findings(ingress('cert-manager.io/cluster-issuer: letsencrypt'), ['ClusterIssuer/letsencrypt'])).toEqual([]);
  });

  it('GIVEN an external issuer (another group) or loose manifests (issuers unknown) THEN it checks nothing', () => {
    expect(findings(certificate('{name: vault, kind: VaultIssuer, group: example.io}'), [])).toEqual([]);
    expect(findings(certificate('{name: ca-issuer, kind: ClusterIssuer}'))).toEqual([]);
  });
});
