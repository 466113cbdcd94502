import type { AddonObject, HelmValues, IgnoreDifference } from './model.js';

/** A chart fleetform knows: where it comes from, the version it was checked against, and what it provides. */
export interface CatalogueEntry {
  readonly description: string;
  readonly repoURL: string;
  readonly chart: string;
  /** The chart version fleetform's defaults were checked against. */
  readonly version: string;
  readonly namespace: string;
  readonly values: HelmValues;
  /**
   * Whether the chart's CRDs are too large for a client-side apply: kubectl's last-applied
   * annotation is limited to 256 KiB, and these CRDs (a full pod template, or many versions) exceed it.
   */
  readonly serverSideApply: boolean;
  readonly provides: readonly string[];
  readonly needs: readonly string[];
  readonly objects: readonly AddonObject[];
  readonly ignoreDifferences: readonly IgnoreDifference[];
}

/** The name seed 002's Certificates use in `issuerRef`. */
export const CLUSTER_ISSUER = 'cluster-issuer';

const entry = (e: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'description' | 'repoURL' | 'chart' | 'version' | 'namespace' | 'provides'>): CatalogueEntry => ({
  values: {},
  serverSideApply: false,
  needs: [],
  objects: [],
  ignoreDifferences: [],
  ...e,
});

/** Keys a fleet names in `addons.NAME.catalogue`. */
export const CATALOGUE = {
  'cert-manager': entry({
    description: 'cert-manager, with a self-signed ClusterIssuer `cluster-issuer`',
    repoURL: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.16.2',
    namespace: 'cert-manager',
    // `crds.keep` leaves the CRDs (and so every Certificate) in place when the add-on is removed.
    values: { crds: { enabled: true, keep: true } },
    provides: ['cert-manager.io', 'acme.cert-manager.io'],
    objects: [{ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: CLUSTER_ISSUER }, spec: { selfSigned: {} } }],
  }),
  'kube-prometheus-stack': entry({
    description: 'the Prometheus operator with Prometheus, Alertmanager and Grafana',
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '65.1.1',
    namespace: 'monitoring',
    // Apps' ServiceMonitors and rules do not carry the chart's `release` label; select them all.
    values: {
      prometheus: {
        prometheusSpec: {
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          ruleSelectorNilUsesHelmValues: false,
          probeSelectorNilUsesHelmValues: false,
        },
      },
    },
    serverSideApply: true,
    provides: ['monitoring.coreos.com'],
  }),
  'external-secrets': entry({
    description: 'External Secrets Operator (a ClusterSecretStore is the fleet\'s own: it needs the provider\'s credentials)',
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '0.10.4',
    namespace: 'external-secrets',
    values: { installCRDs: true },
    serverSideApply: true,
    provides: ['external-secrets.io', 'generators.external-secrets.io'],
  }),
  'argo-rollouts': entry({
    description: 'Argo Rollouts (progressive delivery)',
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-rollouts',
    version: '2.37.7',
    namespace: 'argo-rollouts',
    values: { installCRDs: true, keepCRDs: true },
    serverSideApply: true,
    // argoproj.io is shared with Argo CD itself, so only these kinds come from this chart.
    provides: ['argoproj.io/Rollout', 'argoproj.io/AnalysisTemplate', 'argoproj.io/ClusterAnalysisTemplate', 'argoproj.io/AnalysisRun', 'argoproj.io/Experiment'],
  }),
  'istio-base': entry({
    description: 'Istio\'s CRDs and cluster roles (install istiod with it)',
    repoURL: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'base',
    version: '1.24.0',
    namespace: 'istio-system',
    values: { defaultRevision: 'default' },
    provides: ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
    // istiod patches the validator's failurePolicy once it is ready; without this Argo CD reverts it forever.
    ignoreDifferences: [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator', jqPathExpressions: ['.webhooks[]?.failurePolicy'] }],
  }),
  istiod: entry({
    description: 'Istio\'s control plane',
    repoURL: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'istiod',
    version: '1.24.0',
    namespace: 'istio-system',
    provides: [],
    needs: ['networking.istio.io', 'security.istio.io'],
    ignoreDifferences: [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.failurePolicy'] }],
  }),
} as const satisfies Record<string, CatalogueEntry>;

export type CatalogueKey = keyof typeof CATALOGUE;

export const CATALOGUE_KEYS = Object.keys(CATALOGUE).sort() as CatalogueKey[];

export function catalogueEntry(key: string | undefined): CatalogueEntry | undefined {
  return key !== undefined && Object.hasOwn(CATALOGUE, key) ? CATALOGUE[key as CatalogueKey] : undefined;
}
