import type { BlueGreen, Canary, CanaryStep } from '@fleetform/values';
import type { BuildContext, ResolvedWorkload } from '../context.js';
import { analysisTemplateName, progressiveType, ROLLOUT_API_VERSION, rolloutServices, type RolloutServices } from '../delivery.js';
import type { KubeObject } from '../kube.js';

type Json = Record<string, unknown>;

/**
 * The Argo Rollouts Rollout that replaces a Deployment: the same replicas, selector and pod template
 * (built by workload.ts), and a blue-green or canary strategy instead of a rolling update.
 */
export function buildRollout(ctx: BuildContext, workload: ResolvedWorkload, metadata: KubeObject['metadata'], pods: Json): KubeObject {
  const services = rolloutServices(ctx, workload);
  const strategy =
    progressiveType(workload) === 'BlueGreen'
      ? { blueGreen: blueGreenStrategy(ctx, workload, services) }
      : { canary: canaryStrategy(ctx, workload, services) };
  return { apiVersion: ROLLOUT_API_VERSION, kind: 'Rollout', metadata, spec: { ...pods, strategy } };
}

function blueGreenStrategy(ctx: BuildContext, workload: ResolvedWorkload, services: RolloutServices): Json {
  const settings: BlueGreen = workload.strategy?.blueGreen ?? {};
  if (!services.main) reportMissingService(ctx, workload, 'a blue-green rollout switches its active Service');
  const active = services.main?.name ?? workload.name;
  const preview = services.second?.name ?? `${workload.name}-preview`;
  const spec: Json = { activeService: active, previewService: preview };
  if (settings.autoPromotion === false) spec.autoPromotionEnabled = false;
  if (settings.autoPromotionSeconds !== undefined) spec.autoPromotionSeconds = settings.autoPromotionSeconds;
  if (settings.scaleDownDelaySeconds !== undefined) spec.scaleDownDelaySeconds = settings.scaleDownDelaySeconds;
  if (settings.prePromotionAnalysis) spec.prePromotionAnalysis = analysisRef(ctx, settings.prePromotionAnalysis, preview);
  if (settings.postPromotionAnalysis) spec.postPromotionAnalysis = analysisRef(ctx, settings.postPromotionAnalysis, active);
  return spec;
}

function canaryStrategy(ctx: BuildContext, workload: ResolvedWorkload, services: RolloutServices): Json {
  const path = [...workload.path, 'strategy', 'canary'];
  const settings: Canary = workload.strategy?.canary ?? {};
  const routing = settings.trafficRouting ?? 'replicas';
  if (!services.main && (routing !== 'replicas' || workload.strategy?.service)) {
    reportMissingService(ctx, workload, `a canary routed by ${routing} splits the traffic of a Service`);
  }
  // With Istio subsets the one Service reaches both versions; otherwise the canary's own Service.
  const tested = services.second?.name ?? services.main?.name ?? workload.name;
  const spec: Json = {};
  if (services.main && services.second) {
    spec.canaryService = services.second.name;
    spec.stableService = services.main.name;
  }
  if (workload.strategy?.maxSurge !== undefined) spec.maxSurge = workload.strategy.maxSurge;
  if (workload.strategy?.maxUnavailable !== undefined) spec.maxUnavailable = workload.strategy.maxUnavailable;
  if (settings.analysis) spec.analysis = analysisRef(ctx, settings.analysis, tested);
  const steps = ctx.need<readonly CanaryStep[]>(settings.steps, [...path, 'steps'], []);
  spec.steps = steps.map((step) => canaryStep(ctx, step, tested));
  const trafficRouting = trafficRoutingOf(ctx, workload, routing);
  if (trafficRouting) spec.trafficRouting = trafficRouting;
  return spec;
}

function canaryStep(ctx: BuildContext, step: CanaryStep, tested: string): Json {
  if (step.setWeight !== undefined) return { setWeight: step.setWeight };
  if (step.analysis) return { analysis: analysisRef(ctx, step.analysis, tested) };
  return { pause: step.pause?.duration !== undefined ? { duration: step.pause.duration } : {} };
}

function trafficRoutingOf(ctx: BuildContext, workload: ResolvedWorkload, routing: string): Json | undefined {
  if (routing === 'istio') {
    return {
      istio: {
        virtualService: { name: workload.name, routes: [PRIMARY_ROUTE] },
        destinationRule: { name: workload.name, canarySubsetName: 'canary', stableSubsetName: 'stable' },
      },
    };
  }
  if (routing === 'nginx') {
    checkStableIngress(ctx, workload);
    return { nginx: { stableIngress: workload.name } };
  }
  return undefined;
}

/** Argo Rollouts copies the workload's Ingress for the canary; the original must lead to the stable Service. */
function checkStableIngress(ctx: BuildContext, workload: ResolvedWorkload): void {
  const path = [...workload.path, 'strategy', 'canary', 'trafficRouting'];
  if (!workload.ingress) {
    ctx.report('FF218', 'a canary routed by nginx needs the workload\'s `ingress`', path, {
      expected: 'an `ingress` on the workload, whose canary copy Argo Rollouts manages',
      found: 'no ingress',
      hint: 'add `ingress` to the workload, or use `trafficRouting: replicas`',
    });
    return;
  }
  const stable = rolloutServices(ctx, workload).main?.key;
  const routed = workload.ingress.service ?? Object.keys(workload.services ?? {})[0];
  if (stable && routed && routed !== stable) {
    ctx.report('FF218', `the ingress routes to Service \`${routed}\`, not to the stable Service \`${stable}\` the canary splits`, [...workload.path, 'ingress', 'service'], {
      expected: `\`${stable}\``,
      found: `\`${routed}\``,
      hint: 'route the ingress to the Service named by `strategy.service`, or name the ingress\'s Service there',
    });
  }
}

/** The name of the VirtualService route whose weights Argo Rollouts sets. */
export const PRIMARY_ROUTE = 'primary';

/** The analysis templates named by keys, told which Service they test. */
function analysisRef(ctx: BuildContext, keys: readonly string[], service: string): Json {
  return {
    templates: keys.map((key) => ({ templateName: analysisTemplateName(ctx, key) })),
    args: [{ name: 'service-name', value: service }],
  };
}

function reportMissingService(ctx: BuildContext, workload: ResolvedWorkload, why: string): void {
  const named = workload.strategy?.service;
  const known = Object.keys(workload.services ?? {});
  ctx.report('FF218', named ? `strategy.service names \`${named}\`, which the workload does not declare` : `${why}, and the workload has no Service`, [...workload.path, 'strategy', named ? 'service' : 'type'], {
    expected: known.length > 0 ? `one of ${known.map((k) => `\`${k}\``).join(', ')}` : 'a Service under the workload\'s `services`',
    found: named ? `\`${named}\`` : 'no Service',
    hint: 'declare the Service the traffic goes through under `services`; fleetform adds the preview or canary copy',
  });
}
