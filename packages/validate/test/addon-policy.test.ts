import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import { manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';

const CERTIFICATE = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: webhook, namespace: db}
spec: {secretName: webhook-tls, issuerRef: {name: cluster-issuer, kind: ClusterIssuer}}
`;
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: dbupgrades.example.com, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
spec: {group: example.com, names: {kind: DBUpgrade}}
---
apiVersion: example.com/v1
kind: DBUpgrade
metadata: {name: sample, namespace: db, annotations: {argocd.argoproj.io/sync-wave: "1"}}
`;

function objects(text: string, cluster = 'eu-west-1-prod'): PolicyObject[] {
  return manifestsOf(text, 'apps/db/base/x.yaml').manifests.map((manifest) => ({ manifest: { ...manifest, cluster }, object: manifest.object as KubeObject }));
}
const findings = (text: string, providedGroups?: ReadonlySet<string>) =>
  runPolicies(POLICIES, { objects: objects(text), app: 'db', providedGroups }).findings.filter((d) => d.code === 'FF409');

describe('addon-provides-crds', () => {
  it('GIVEN a Certificate on a cluster without cert-manager THEN it names the app, the kind, the group, the cluster and the add-on to install', () => {
    const [finding, ...rest] = findings(CERTIFICATE, new Set(['monitoring.coreos.com']));
    expect(rest).toEqual([]);
    expect(formatDiagnostic(finding!)).toBe(
      [
        'apps/db/base/x.yaml:1:13: error FF409 at /apiVersion: [addon-provides-crds] apps/db uses Certificate (cert-manager.io) but cluster eu-west-1-prod has no add-on providing it',
        '  hint: install the `cert-manager` add-on on eu-west-1-prod (clusters/fleet.yaml `addons`, catalogue: cert-manager; check its targets and cluster.yaml `addons.NAME.enabled`)',
      ].join('\n'),
    );
  });

  it('GIVEN cert-manager on the cluster THEN the Certificate is fine', () => {
    expect(findings(CERTIFICATE, new Set(['cert-manager.io', 'acme.cert-manager.io']))).toEqual([]);
  });

  it('GIVEN a custom resource whose CRD the app ships itself THEN no add-on is needed', () => {
    expect(findings(CRD, new Set())).toEqual([]);
  });

  it('GIVEN a kind no catalogue entry knows THEN it says how to declare an add-on for it', () => {
    const [finding] = findings('apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web, namespace: db}\n', new Set());
    expect(finding!.hint).toBe('declare an add-on with `provides: [keda.sh]` in clusters/fleet.yaml, or ship the CRD with the app');
  });

  it('GIVEN Argo CD\'s own kinds or built-in ones THEN nothing is required; GIVEN a Rollout THEN argo-rollouts is', () => {
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: db}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: db}\n';
    expect(findings(text, new Set()).map((d) => d.message)).toEqual(['[addon-provides-crds] apps/db uses Rollout (argoproj.io) but cluster eu-west-1-prod has no add-on providing it']);
  });

  it('GIVEN loose manifests (no add-ons known) THEN it checks nothing', () => {
    expect(findings(CERTIFICATE)).toEqual([]);
  });
});
