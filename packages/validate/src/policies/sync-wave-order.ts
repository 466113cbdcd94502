import type { Finding, Loose, Policy, PolicyObject } from './policy.js';
import { waveOf } from './policy.js';

const find = (objects: readonly PolicyObject[], test: (o: PolicyObject['object']) => boolean) => objects.find((o) => test(o.object));

/**
 * What depends on something must sync in a later wave than it: a custom resource after its CRD, a
 * webhook configuration after the Service it calls, a Certificate after its Issuer. In the same wave
 * Argo CD may apply them together, and the dependant fails (or, for a webhook, blocks every write).
 */
export const syncWaveOrder: Policy = {
  id: 'sync-wave-order',
  code: 'FF401',
  description: 'a custom resource, webhook configuration or Certificate syncs in a later wave than what it needs',
  check({ objects }) {
    const findings: Finding[] = [];
    const later = (target: PolicyObject, needed: PolicyObject, what: string) => {
      if (waveOf(target.object) > waveOf(needed.object)) return;
      findings.push({
        target,
        path: ['metadata', 'annotations', 'argocd.argoproj.io/sync-wave'],
        message: `${target.object.kind} ${target.object.metadata.name} syncs in wave ${waveOf(target.object)}, not after ${what} ${needed.object.metadata.name} (wave ${waveOf(needed.object)})`,
        hint: `give ${target.object.kind} a wave above ${waveOf(needed.object)} (syncWaves in the app's values, or the annotation on the raw resource)`,
      });
    };
    for (const target of objects) {
      const { object } = target;
      const group = object.apiVersion.split('/')[0];
      const crd = find(objects, (o) => o.kind === 'CustomResourceDefinition' && (o.spec as Loose)?.group === group && (o.spec as Loose)?.names?.kind === object.kind);
      if (crd) later(target, crd, 'its CRD');
      if (object.kind === 'ValidatingWebhookConfiguration' || object.kind === 'MutatingWebhookConfiguration') {
        for (const webhook of ((object as Loose).webhooks ?? []) as Loose[]) {
          const ref = webhook?.clientConfig?.service;
          const service = ref && find(objects, (o) => o.kind === 'Service' && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace);
          if (service) later(target, service, 'the Service');
        }
      }
      if (object.kind === 'Certificate') {
        const issuer = (object.spec as Loose)?.issuerRef;
        const kind = issuer?.kind ?? 'Issuer';
        const found = find(objects, (o) => o.kind === kind && o.metadata.name === issuer?.name && (kind === 'ClusterIssuer' || o.metadata.namespace === object.metadata.namespace));
        if (found) later(target, found, `its ${kind}`);
      }
    }
    return findings;
  },
};
