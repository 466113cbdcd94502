import { describe, expect, it } from 'vitest';
import { SYNC_WAVE_ANNOTATION } from '@fleetform/objects';
import { build, find, validWorkload } from './build.js';

const wave = (o: { metadata: { annotations?: Record<string, string> } }) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
const image = { repository: 'web', tag: 'v1' };
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: Namespaced, names: {kind: Widget, plural: widgets}, versions: []}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hook}
`;

describe('sync waves', () => {
  it('follow the seed plan: CRD -1, namespace and RBAC 0, config 1, workloads 2, webhooks 3', () => {
    const { objects } = build({ image, config: { A: 'b' }, workloads: { api: validWorkload } }, { raw: crd });
    const waves = Object.fromEntries(objects.map((o) => [o.kind, wave(o)]));
    expect(waves).toEqual({
      CustomResourceDefinition: '-1',
      Namespace: '0',
      ServiceAccount: '0',
      ConfigMap: '1',
      Deployment: '2',
      NetworkPolicy: '2',
      Widget: '2',
      ValidatingWebhookConfiguration: '3',
    });
  });

  it('are changed by fleet.yaml, then by the app, then by the app for one named object', () => {
    const { objects } = build(
      { image, workloads: { api: validWorkload }, syncWaves: { ConfigMap: 4, 'Deployment/web-api': 7 } },
      { fleetWaves: { ConfigMap: 3, ServiceAccount: 5 } },
    );
    expect(wave(find(objects, 'ServiceAccount'))).toBe('5');
    expect(wave(find(objects, 'Deployment'))).toBe('7');
  });

  it('keep the wave a raw resource sets itself', () => {
    const { objects } = build({}, { raw: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    argocd.argoproj.io/sync-wave: "9"\n' });
    expect(wave(find(objects, 'ConfigMap'))).toBe('9');
  });

  it('orders the objects by wave', () => {
    const { objects } = build({ image, workloads: { api: validWorkload } }, { raw: crd });
    expect(objects.map(wave)).toEqual([...objects.map(wave)].sort((a, b) => Number(a) - Number(b)));
  });
});

describe('raw resources', () => {
  it('get the app namespace when namespaced, and none when the kind is cluster-scoped', () => {
    const { objects } = build({}, { raw: crd });
    expect(find(objects, 'Widget').metadata.namespace).toBe('shop');
    expect(find(objects, 'ValidatingWebhookConfiguration').metadata.namespace).toBeUndefined();
    expect(find(objects, 'CustomResourceDefinition').metadata.namespace).toBeUndefined();
  });

  it('carry the standard labels, their own labels winning', () => {
    const { objects } = build({}, { raw: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app.kubernetes.io/part-of: other\n' });
    expect(find(objects, 'ConfigMap').metadata.labels).toEqual({
      'app.kubernetes.io/instance': 'web',
      'app.kubernetes.io/managed-by': 'fleetform',
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/part-of': 'other',
    });
  });

  it('may not repeat an object the values already build', () => {
    const { diagnostics } = build({}, { raw: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' });
    expect(diagnostics).toMatchObject([{ code: 'FF213' }]);
  });
});
