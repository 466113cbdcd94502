import type { KubeObject } from '@fleetform/objects';
import type { PathSegment } from '@fleetform/yaml';
import type { Finding, Loose, Policy, PolicyObject } from './policy.js';

interface Reference {
  readonly kind: string;
  readonly name: string;
  readonly path: PathSegment[];
}

/** The analysis templates a strategy block names, wherever the block is (background, step, promotion). */
function templatesAt(block: Loose, path: PathSegment[]): Reference[] {
  const templates: Loose[] = Array.isArray(block?.templates) ? block.templates : [];
  return templates.flatMap((t, i) =>
    typeof t?.templateName === 'string' ? [{ kind: t.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate', name: t.templateName, path: [...path, 'templates', i, 'templateName'] }] : [],
  );
}

/** Everything a Rollout's strategy names: analysis templates, Services, and the traffic router's objects. */
export function referencesOf(rollout: KubeObject): Reference[] {
  const strategy = (rollout.spec as Loose)?.strategy ?? {};
  const at = (...path: PathSegment[]): PathSegment[] => ['spec', 'strategy', ...path];
  const named = (kind: string, name: unknown, path: PathSegment[]): Reference[] => (typeof name === 'string' && name !== '' ? [{ kind, name, path }] : []);
  const blueGreen = strategy.blueGreen;
  if (blueGreen) {
    return [
      ...named('Service', blueGreen.activeService, at('blueGreen', 'activeService')),
      ...named('Service', blueGreen.previewService, at('blueGreen', 'previewService')),
      ...templatesAt(blueGreen.prePromotionAnalysis, at('blueGreen', 'prePromotionAnalysis')),
      ...templatesAt(blueGreen.postPromotionAnalysis, at('blueGreen', 'postPromotionAnalysis')),
    ];
  }
  const canary = strategy.canary;
  if (!canary) return [];
  const steps: Loose[] = Array.isArray(canary.steps) ? canary.steps : [];
  const istio = canary.trafficRouting?.istio;
  return [
    ...named('Service', canary.stableService, at('canary', 'stableService')),
    ...named('Service', canary.canaryService, at('canary', 'canaryService')),
    ...templatesAt(canary.analysis, at('canary', 'analysis')),
    ...steps.flatMap((step, i) => templatesAt(step?.analysis, at('canary', 'steps', i, 'analysis'))),
    ...named('VirtualService', istio?.virtualService?.name, at('canary', 'trafficRouting', 'istio', 'virtualService', 'name')),
    ...named('DestinationRule', istio?.destinationRule?.name, at('canary', 'trafficRouting', 'istio', 'destinationRule', 'name')),
    ...named('Ingress', canary.trafficRouting?.nginx?.stableIngress, at('canary', 'trafficRouting', 'nginx', 'stableIngress')),
  ];
}

const CLUSTER_SCOPED = new Set(['ClusterAnalysisTemplate']);

/**
 * A Rollout whose analysis template, Service, VirtualService, DestinationRule or stable Ingress does
 * not exist never progresses: Argo Rollouts marks it degraded at its first update, long after the sync
 * looked fine. On a rendered fleet (where an app's objects on a cluster are all known) each name
 * must be an object of the app in the Rollout's namespace, or a ClusterAnalysisTemplate it deploys.
 */
export const rolloutReferences: Policy = {
  id: 'rollout-references',
  code: 'FF411',
  description: 'the analysis templates, Services and traffic-routing objects a Rollout names exist',
  check({ objects, app }) {
    if (app === undefined) return [];
    const present = new Set(objects.map(({ object: o }) => `${o.kind}/${CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? '')}/${o.metadata.name}`));
    const findings: Finding[] = [];
    for (const target of objects.filter((o: PolicyObject) => o.object.kind === 'Rollout' && o.object.apiVersion.startsWith('argoproj.io/'))) {
      for (const ref of referencesOf(target.object)) {
        const key = `${ref.kind}/${CLUSTER_SCOPED.has(ref.kind) ? '' : (target.object.metadata.namespace ?? '')}/${ref.name}`;
        if (present.has(key)) continue;
        findings.push({
          target,
          path: ref.path,
          message: `Rollout ${target.object.metadata.name} names ${ref.kind} ${ref.name}, which apps/${app} does not deploy${CLUSTER_SCOPED.has(ref.kind) ? '' : ` in namespace ${target.object.metadata.namespace ?? ''}`}`,
          hint: ref.kind.endsWith('AnalysisTemplate') ? 'define the analysis under `analysis.templates` in the values, or fix the name' : `deploy the ${ref.kind} with the app, or fix the name`,
        });
      }
    }
    return findings;
  },
};
