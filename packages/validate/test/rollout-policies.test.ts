import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import { manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';

const canary = (steps: string, extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: []}
  strategy:
    canary:
      stableService: api
      canaryService: api-canary${extra}
      steps: ${steps}
`;
const service = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {selector: {app: api}}
`;
const template = (name: string, namespace = 'shop') => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: ${name}, namespace: ${namespace}}
spec: {metrics: []}
`;

function objects(text: string): PolicyObject[] {
  return manifestsOf(text, 'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml').manifests.map((manifest) => ({ manifest, object: manifest.object as KubeObject }));
}
const lines = (code: string, text: string, onRenderedFleet = true) =>
  runPolicies(POLICIES, { objects: objects(text), ...(onRenderedFleet ? { app: 'shop' } : {}) })
    .findings.filter((d) => d.code === code)
    .map((d) => formatDiagnostic(d).split('\n')[0]!);
const stream = (...documents: string[]) => documents.join('---\n');

describe('canary-steps', () => {
  it('GIVEN the seed\'s 10 → 50 → 100 with pauses and analysis between THEN nothing to say', () => {
    expect(lines('FF410', canary('[{setWeight: 10}, {pause: {duration: 5m}}, {setWeight: 50}, {pause: {}}, {setWeight: 100}]'))).toEqual([]);
  });

  it('GIVEN a weight that falls back THEN it names the step and the weight before it', () => {
    expect(lines('FF410', canary('[{setWeight: 50}, {setWeight: 10}, {setWeight: 100}]'))).toEqual([
      'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml:13:44: error FF410 at /spec/strategy/canary/steps/1/setWeight: [canary-steps] Rollout api sets the canary\'s weight to 10 after 50 (step 0): weights must rise',
    ]);
  });

  it('GIVEN steps that stop at 50 THEN the last weight is flagged', () => {
    expect(lines('FF410', canary('[{setWeight: 10}, {setWeight: 50}, {pause: {}}]'))).toEqual([
      'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml:13:44: error FF410 at /spec/strategy/canary/steps/1/setWeight: [canary-steps] Rollout api\'s canary ends at weight 50, not 100',
    ]);
  });

  it('GIVEN a waiver THEN the finding is a warning with its reason', () => {
    const outcome = runPolicies(POLICIES, { objects: objects(canary('[{setWeight: 20}]')), app: 'shop' }, { 'canary-steps': 'the last 80% follow without a step on purpose' });
    expect(outcome.findings.filter((d) => d.code === 'FF410')).toEqual([]);
    expect(outcome.waived.map((d) => d.message)).toEqual(["[canary-steps] waived: the last 80% follow without a step on purpose (Rollout api's canary ends at weight 20, not 100)"]);
  });
});

describe('rollout-references', () => {
  const analysed = canary('[{setWeight: 10}, {analysis: {templates: [{templateName: success-rate}, {templateName: fleet-wide, clusterScope: true}]}}, {setWeight: 100}]');

  it('GIVEN every Service and AnalysisTemplate the Rollout names THEN nothing to say', () => {
    const clusterTemplate = 'apiVersion: argoproj.io/v1alpha1\nkind: ClusterAnalysisTemplate\nmetadata: {name: fleet-wide}\nspec: {metrics: []}\n';
    expect(lines('FF411', stream(analysed, service('api'), service('api-canary'), template('success-rate'), clusterTemplate))).toEqual([]);
  });

  it('GIVEN a missing canary Service, an AnalysisTemplate in another namespace and no ClusterAnalysisTemplate THEN each is named where the Rollout names it', () => {
    expect(lines('FF411', stream(analysed, service('api'), template('success-rate', 'other')))).toEqual([
      'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml:12:22: error FF411 at /spec/strategy/canary/canaryService: [rollout-references] Rollout api names Service api-canary, which apps/shop does not deploy in namespace shop',
      'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml:13:71: error FF411 at /spec/strategy/canary/steps/1/analysis/templates/0/templateName: [rollout-references] Rollout api names AnalysisTemplate success-rate, which apps/shop does not deploy in namespace shop',
      'apps/shop/overlays/eu-west-1-prod/rollout-api.yaml:13:101: error FF411 at /spec/strategy/canary/steps/1/analysis/templates/1/templateName: [rollout-references] Rollout api names ClusterAnalysisTemplate fleet-wide, which apps/shop does not deploy',
    ]);
  });

  it('GIVEN Istio routing and a blue-green Rollout THEN the VirtualService, DestinationRule and both Services are checked', () => {
    const istio = `
      trafficRouting:
        istio:
          virtualService: {name: api, routes: [primary]}
          destinationRule: {name: api, canarySubsetName: canary, stableSubsetName: stable}`;
    const blueGreen = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: worker, namespace: shop}
spec:
  strategy:
    blueGreen: {activeService: worker, previewService: worker-preview}
`;
    const found = lines('FF411', stream(canary('[{setWeight: 100}]', istio), service('api'), service('api-canary'), service('worker')));
    expect(found.map((l) => l.replace(/^.*\[rollout-references\] /, ''))).toEqual([
      'Rollout api names VirtualService api, which apps/shop does not deploy in namespace shop',
      'Rollout api names DestinationRule api, which apps/shop does not deploy in namespace shop',
    ]);
    expect(lines('FF411', stream(blueGreen, service('worker'))).map((l) => l.replace(/^.*\[rollout-references\] /, ''))).toEqual([
      'Rollout worker names Service worker-preview, which apps/shop does not deploy in namespace shop',
    ]);
  });

  it('GIVEN loose manifests (no app) THEN references are not checked, since the rest may be in other files', () => {
    expect(lines('FF411', analysed, false)).toEqual([]);
  });
});
