import type { Diagnostic } from '@fleetform/diagnostics';
import { buildAnalysisTemplates } from './builders/analysis-template.js';
import { buildAutoscalers } from './builders/autoscaler.js';
import { buildConfigMap } from './builders/config-map.js';
import { buildDisruptionBudgets } from './builders/disruption-budget.js';
import { buildExternalSecrets } from './builders/external-secret.js';
import { buildIngresses } from './builders/ingress.js';
import { buildNamespace } from './builders/namespace.js';
import { buildNetworkPolicies } from './builders/network-policy.js';
import { buildPrometheusRules } from './builders/prometheus-rule.js';
import { buildRawResources } from './builders/raw-resources.js';
import { buildServiceAccount } from './builders/service-account.js';
import { buildServiceMonitors } from './builders/service-monitor.js';
import { buildServices } from './builders/service.js';
import { buildTrafficRouting } from './builders/traffic-routing.js';
import { buildWorkloads } from './builders/workload.js';
import { BuildContext, type BuildInput } from './context.js';
import type { KubeObject } from './kube.js';
import { addAppMetadata, addSyncWaves, canonicalOrder, rejectDuplicates, sortBySyncOrder, type Step } from './steps.js';
import type { SyncWaveTable } from './sync-waves.js';

/** A builder turns the values into the objects of one kind (or one concern). */
export type Builder = (ctx: BuildContext) => KubeObject[];

/** Every builder, in the order their objects are first listed. */
export const BUILDERS = {
  namespace: buildNamespace,
  serviceAccount: buildServiceAccount,
  configMap: buildConfigMap,
  externalSecrets: buildExternalSecrets,
  workloads: buildWorkloads,
  services: buildServices,
  analysisTemplates: buildAnalysisTemplates,
  trafficRouting: buildTrafficRouting,
  autoscalers: buildAutoscalers,
  disruptionBudgets: buildDisruptionBudgets,
  networkPolicies: buildNetworkPolicies,
  ingresses: buildIngresses,
  serviceMonitors: buildServiceMonitors,
  prometheusRules: buildPrometheusRules,
  rawResources: buildRawResources,
} as const satisfies Record<string, Builder>;

export interface AppObjects {
  readonly objects: readonly KubeObject[];
  readonly diagnostics: readonly Diagnostic[];
}

/** All the objects of one app for one target (its base, or a cluster): builders, then the steps. */
export function buildAppObjects(input: BuildInput & { readonly syncWaves: SyncWaveTable }): AppObjects {
  const ctx = new BuildContext(input);
  const built = Object.values(BUILDERS).flatMap((build) => build(ctx));
  const steps: Step[] = [addAppMetadata, addSyncWaves(input.syncWaves), rejectDuplicates, canonicalOrder, sortBySyncOrder];
  const objects = steps.reduce<KubeObject[]>((current, step) => step(current, ctx), built);
  return { objects, diagnostics: ctx.diagnostics };
}
