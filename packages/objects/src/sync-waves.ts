import type { SyncWaves } from '@fleetform/values';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The built-in order, after the DBUpgrade operator's plan (seed 002, section 9): CRDs first, then
 * the namespace and RBAC, then certificates and configuration, then workloads and what fronts them,
 * and admission webhooks last, once the Service they call is up.
 */
export const DEFAULT_SYNC_WAVES: Readonly<Record<string, number>> = {
  CustomResourceDefinition: -1,
  Namespace: 0,
  ServiceAccount: 0,
  Role: 0,
  ClusterRole: 0,
  RoleBinding: 0,
  ClusterRoleBinding: 0,
  Issuer: 1,
  ClusterIssuer: 1,
  Certificate: 1,
  ConfigMap: 1,
  Secret: 1,
  SecretStore: 1,
  ExternalSecret: 1,
  // A Rollout names its analyses; they exist before it syncs.
  AnalysisTemplate: 1,
  Deployment: 2,
  StatefulSet: 2,
  DaemonSet: 2,
  Rollout: 2,
  Job: 2,
  CronJob: 2,
  Service: 2,
  HorizontalPodAutoscaler: 2,
  PodDisruptionBudget: 2,
  NetworkPolicy: 2,
  Ingress: 2,
  VirtualService: 2,
  DestinationRule: 2,
  ServiceMonitor: 2,
  PodMonitor: 2,
  PrometheusRule: 2,
  ValidatingWebhookConfiguration: 3,
  MutatingWebhookConfiguration: 3,
  // Inside a cluster's root Application: projects before the Applications that use them.
  AppProject: -2,
  Application: 0,
  ApplicationSet: 0,
};

/** Kinds not in any table sync with the workloads. */
export const DEFAULT_WAVE = 2;

/** The wave table in force: the built-in one, changed by fleet.yaml, changed again by the app. */
export class SyncWaveTable {
  private constructor(private readonly waves: Readonly<Record<string, number>>) {}

  static from(...overrides: (SyncWaves | undefined)[]): SyncWaveTable {
    return new SyncWaveTable(Object.assign({}, DEFAULT_SYNC_WAVES, ...overrides.map((o) => o ?? {})));
  }

  /** `Kind/name` wins over `Kind`, which wins over the default. */
  waveOf(kind: string, name: string): number {
    return this.waves[`${kind}/${name}`] ?? this.waves[kind] ?? DEFAULT_WAVE;
  }
}
