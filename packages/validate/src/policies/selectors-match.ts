import type { KubeObject } from '@fleetform/objects';
import type { Finding, Loose, Policy } from './policy.js';
import { WORKLOAD_KINDS } from './policy.js';

const podLabels = (o: KubeObject): Record<string, string> => ((o.spec as Loose)?.template?.metadata?.labels ?? {}) as Record<string, string>;
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * A Service, PodDisruptionBudget or HorizontalPodAutoscaler that selects no workload of the app does
 * nothing, silently: no endpoints, no protection, no scaling.
 */
export const selectorsMatch: Policy = {
  id: 'selectors-match-workloads',
  code: 'FF402',
  description: 'Service, PodDisruptionBudget and HorizontalPodAutoscaler select or target a workload',
  check({ objects }) {
    const workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.object.kind) && o.object.kind !== 'CronJob' && o.object.kind !== 'Job');
    const findings: Finding[] = [];
    const inNamespace = (o: KubeObject) => workloads.filter((w) => w.object.metadata.namespace === o.metadata.namespace);
    for (const target of objects) {
      const { object } = target;
      if (object.kind === 'Service' && (object.spec as Loose)?.selector && (object.spec as Loose)?.type !== 'ExternalName') {
        const selector = (object.spec as Loose).selector as Record<string, string>;
        if (!inNamespace(object).some((w) => selects(selector, podLabels(w.object)))) {
          findings.push({ target, path: ['spec', 'selector'], message: `Service ${object.metadata.name} selects no pods of the app`, hint: 'make spec.selector match the labels of a workload\'s pod template' });
        }
      }
      if (object.kind === 'PodDisruptionBudget') {
        const selector = ((object.spec as Loose)?.selector?.matchLabels ?? {}) as Record<string, string>;
        if (!inNamespace(object).some((w) => selects(selector, podLabels(w.object)))) {
          findings.push({ target, path: ['spec', 'selector'], message: `PodDisruptionBudget ${object.metadata.name} selects no pods of the app`, hint: 'make spec.selector.matchLabels match a workload\'s pod labels' });
        }
      }
      if (object.kind === 'HorizontalPodAutoscaler') {
        const ref = (object.spec as Loose)?.scaleTargetRef ?? {};
        if (!inNamespace(object).some((w) => w.object.kind === ref.kind && w.object.metadata.name === ref.name)) {
          findings.push({ target, path: ['spec', 'scaleTargetRef'], message: `HorizontalPodAutoscaler ${object.metadata.name} targets ${ref.kind}/${ref.name}, which the app does not deploy`, hint: 'point scaleTargetRef at one of the app\'s workloads' });
        }
      }
    }
    return findings;
  },
};
