import type { BuildContext, ResolvedWorkload } from './context.js';

export const ROLLOUT_API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Marks the Service fleetform adds beside a Rollout's main one (`<workload>-preview` or
 * `<workload>-canary`). The ServiceMonitor leaves it out: after a promotion it selects the same pods
 * as the main Service, and scraping both would count every pod twice.
 */
export const ROLLOUT_SERVICE_LABEL = 'fleetform.io/rollout-service';

export type ProgressiveType = 'BlueGreen' | 'Canary';

/** BlueGreen or Canary when an Argo Rollouts Rollout replaces the workload's Deployment. */
export function progressiveType(workload: ResolvedWorkload): ProgressiveType | undefined {
  const type = workload.strategy?.type;
  return workload.kind === 'Deployment' && (type === 'BlueGreen' || type === 'Canary') ? type : undefined;
}

/** What runs the workload's pods: an HPA scales it, a policy looks for it. */
export function controllerOf(workload: ResolvedWorkload): { apiVersion: string; kind: string } {
  return progressiveType(workload) ? { apiVersion: ROLLOUT_API_VERSION, kind: 'Rollout' } : { apiVersion: 'apps/v1', kind: workload.kind };
}

/** The Services a Rollout switches between. */
export interface RolloutServices {
  /** Key (under the workload's `services`) and name of the active (blue-green) or stable (canary) Service. */
  readonly main?: { readonly key: string; readonly name: string };
  /** The preview or canary Service fleetform adds, a copy of the main one; none with Istio subsets. */
  readonly second?: { readonly name: string; readonly role: 'preview' | 'canary' };
}

export const serviceName = (ctx: BuildContext, key: string, name: string | undefined): string => name ?? `${ctx.app.name}-${key}`;

/** The Services of a progressive workload, from `strategy.service` (default its first Service). */
export function rolloutServices(ctx: BuildContext, workload: ResolvedWorkload): RolloutServices {
  const type = progressiveType(workload);
  if (!type) return {};
  const services = Object.entries(workload.services ?? {});
  const wanted = workload.strategy?.service ?? services[0]?.[0];
  const found = services.find(([key]) => key === wanted);
  const main = found ? { key: found[0], name: serviceName(ctx, found[0], found[1].name) } : undefined;
  if (!main) return {};
  if (type === 'BlueGreen') return { main, second: { name: `${workload.name}-preview`, role: 'preview' } };
  if (workload.strategy?.canary?.trafficRouting === 'istio') return { main };
  return { main, second: { name: `${workload.name}-canary`, role: 'canary' } };
}

/** The AnalysisTemplate of an analysis key: per app, since apps may share a namespace. */
export const analysisTemplateName = (ctx: BuildContext, key: string): string => `${ctx.app.name}-${key}`;

/** Every analysis key a progressive workload's strategy names, with where it is named. */
export function analysisUses(workload: ResolvedWorkload): { key: string; path: (string | number)[] }[] {
  const type = progressiveType(workload);
  const strategy = workload.strategy;
  const base = [...workload.path, 'strategy'];
  const list = (keys: readonly string[] | undefined, path: (string | number)[]) => (keys ?? []).map((key, i) => ({ key, path: [...path, i] }));
  if (type === 'BlueGreen') {
    return [
      ...list(strategy?.blueGreen?.prePromotionAnalysis, [...base, 'blueGreen', 'prePromotionAnalysis']),
      ...list(strategy?.blueGreen?.postPromotionAnalysis, [...base, 'blueGreen', 'postPromotionAnalysis']),
    ];
  }
  if (type === 'Canary') {
    return [
      ...list(strategy?.canary?.analysis, [...base, 'canary', 'analysis']),
      ...(strategy?.canary?.steps ?? []).flatMap((step, i) => list(step.analysis, [...base, 'canary', 'steps', i, 'analysis'])),
    ];
  }
  return [];
}
