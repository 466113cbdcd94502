import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import { manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';

function objects(text: string): PolicyObject[] {
  return manifestsOf(text, 'app.yaml').manifests.map((manifest) => ({ manifest, object: manifest.object as KubeObject }));
}
const check = (text: string, environment?: { name: string; immutableTags: boolean }, waivers?: Record<string, string>) =>
  runPolicies(POLICIES, { objects: objects(text), environment }, waivers);
const lines = (text: string, environment?: { name: string; immutableTags: boolean }) => check(text, environment).findings.map((d) => formatDiagnostic(d).split('\n')[0]);

const securePod = `
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: IMAGE
          resources: {requests: {cpu: 10m, memory: 10Mi}, limits: {cpu: 10m, memory: 10Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}`;
const deployment = (image = 'web:1.0.0') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:${securePod.replace('IMAGE', image)}
`;

describe('sync-wave-order', () => {
  it('GIVEN a custom resource in the same wave as its CRD THEN it says which wave to move it above', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com, annotations: {argocd.argoproj.io/sync-wave: "0"}}
spec: {group: example.com, names: {kind: Widget}}
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  annotations:
    argocd.argoproj.io/sync-wave: "0"
`;
    expect(lines(text)).toEqual([
      'app.yaml:11:35: error FF401 at /metadata/annotations/argocd.argoproj.io/sync-wave: [sync-wave-order] Widget w syncs in wave 0, not after its CRD widgets.example.com (wave 0)',
    ]);
  });

  it('GIVEN a webhook configuration before its Service, and a Certificate with its Issuer, THEN both are flagged', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: hook, namespace: shop, annotations: {argocd.argoproj.io/sync-wave: "2"}}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hook, annotations: {argocd.argoproj.io/sync-wave: "1"}}
webhooks:
  - name: a.example.com
    clientConfig: {service: {name: hook, namespace: shop}}
---
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: ca, namespace: shop, annotations: {argocd.argoproj.io/sync-wave: "1"}}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: tls, namespace: shop, annotations: {argocd.argoproj.io/sync-wave: "1"}}
spec: {issuerRef: {name: ca, kind: Issuer}}
`;
    expect(check(text).findings.map((d) => d.message)).toEqual([
      '[sync-wave-order] ValidatingWebhookConfiguration hook syncs in wave 1, not after the Service hook (wave 2)',
      '[sync-wave-order] Certificate tls syncs in wave 1, not after its Issuer ca (wave 1)',
    ]);
  });
});

describe('selectors-match-workloads', () => {
  it('GIVEN a Service, a PDB and an HPA that miss the workload THEN each is flagged', () => {
    const text = `${deployment()}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: wbe}, ports: [{port: 80}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}, minReplicas: 1, maxReplicas: 2}
`;
    expect(check(text).findings.map((d) => d.message)).toEqual([
      '[selectors-match-workloads] Service web selects no pods of the app',
      '[selectors-match-workloads] HorizontalPodAutoscaler web targets Deployment/api, which the app does not deploy',
    ]);
  });
});

describe('immutable-tags', () => {
  it('GIVEN latest in an immutable environment THEN it is flagged, and not in a mutable one', () => {
    expect(lines(deployment('web:latest'), { name: 'prod', immutableTags: true })).toEqual([
      'app.yaml:14:18 error FF403 at /spec/template/spec/containers/0/image: [immutable-tags] image web:latest is mutable, and environment prod requires immutable tags'.replace('14:18 ', '14:18: '),
    ]);
    expect(lines(deployment('web:latest'), { name: 'dev', immutableTags: false })).toEqual([]);
    expect(lines(deployment('registry:5000/web'), { name: 'prod', immutableTags: true })).toHaveLength(1);
    expect(lines(deployment('web@sha256:' + 'a'.repeat(64)), { name: 'prod', immutableTags: true })).toEqual([]);
  });
});

describe('no-secret-data', () => {
  it('GIVEN a Secret with data THEN it points to ExternalSecret or SealedSecret', () => {
    const [finding] = check('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: aHVudGVyMg==\n').findings;
    expect(finding).toMatchObject({ code: 'FF404', path: '/data', position: { line: 5 }, hint: expect.stringContaining('ExternalSecret') });
  });

  it('GIVEN an Argo CD cluster Secret with only its name and server THEN nothing is flagged, but its credentials would be', () => {
    const cluster = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-eu\n  labels: {argocd.argoproj.io/secret-type: cluster}\nstringData:\n${data}`;
    expect(check(cluster('  name: eu\n  server: https://eu.example.com\n')).findings).toEqual([]);
    expect(check(cluster('  name: eu\n  server: https://eu.example.com\n  config: "{}"\n')).findings).toMatchObject([{ code: 'FF404', path: '/stringData' }]);
  });
});

describe('restricted-pod-security and resources-required', () => {
  it('GIVEN a secure pod THEN nothing is flagged', () => {
    expect(lines(deployment())).toEqual([]);
  });

  it('GIVEN a pod that runs as root without limits THEN every missing field is named', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: web:1
          securityContext: {privileged: true}
`;
    expect(check(text).findings.map((d) => `${d.code} ${d.path}`)).toEqual([
      'FF405 /spec/template/spec/hostNetwork',
      'FF405 /spec/template/spec/containers/0/securityContext/privileged',
      'FF405 /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
      'FF405 /spec/template/spec/containers/0/securityContext/capabilities',
      'FF405 /spec/template/spec/containers/0/securityContext/runAsNonRoot',
      'FF405 /spec/template/spec/containers/0/securityContext/seccompProfile',
      'FF406 /spec/template/spec/containers/0/resources',
    ]);
  });
});

describe('appproject-no-wildcards', () => {
  it('GIVEN wildcards in an AppProject THEN each is flagged', () => {
    const text = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: team}\nspec:\n  sourceRepos: ['*']\n  destinations: [{server: '*', namespace: shop}]\n";
    expect(check(text).findings.map((d) => d.path)).toEqual(['/spec/sourceRepos/0', '/spec/destinations/0/server']);
  });
});

describe('waivers', () => {
  it('GIVEN a waived policy THEN its findings are reported with the reason, but are not errors', () => {
    const outcome = check('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {a: b}\n', undefined, { 'no-secret-data': 'a test fixture, not a real secret' });
    expect(outcome.findings).toEqual([]);
    expect(outcome.waived).toMatchObject([{ severity: 'warning', message: expect.stringContaining('waived: a test fixture, not a real secret') }]);
  });
});
