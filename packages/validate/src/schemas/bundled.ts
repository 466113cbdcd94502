import { createRequire } from 'node:module';
import { problemsFromAjv } from './schema-errors.js';
import { splitApiVersion, type SchemaSource } from './schema-source.js';

const require = createRequire(import.meta.url);

/** Third-party custom resources that validate without any set-up, from the kubernetes-models project. */
const PACKAGES: Readonly<Record<string, string>> = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'acme.cert-manager.io': '@kubernetes-models/cert-manager',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'networking.istio.io': '@kubernetes-models/istio',
  'security.istio.io': '@kubernetes-models/istio',
};

/** Argo Rollouts shares the argoproj.io group with Argo CD; its kinds come from their own package. */
const ROLLOUT_KINDS = new Set(['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment']);

type Model = new (data: unknown) => { validate(): void };

/**
 * Argo CD, cert-manager, Prometheus operator, Argo Rollouts, External Secrets and Istio kinds. These
 * packages ship compiled validators only, which check types and required fields but not unknown
 * fields; a CRD of the same kind found in the fleet or in --schema-dir takes precedence and is strict.
 */
export const bundledSchemas: SchemaSource = {
  name: 'bundled third-party CRDs',
  async validatorFor(apiVersion, kind) {
    const { group, version } = splitApiVersion(apiVersion);
    const pkg = group === 'argoproj.io' && ROLLOUT_KINDS.has(kind) ? '@kubernetes-models/argo-rollouts' : PACKAGES[group];
    if (!pkg) return undefined;
    let Model: Model | undefined;
    try {
      Model = (require(`${pkg}/${group}/${version}/${kind}`) as Record<string, Model>)[kind];
    } catch {
      return undefined;
    }
    if (!Model) return undefined;
    const M = Model;
    return (object) => {
      try {
        new M(object).validate();
        return [];
      } catch (cause) {
        const errors = (cause as { errors?: Parameters<typeof problemsFromAjv>[0] }).errors;
        if (!errors) throw cause;
        return problemsFromAjv(errors, object);
      }
    };
  },
};
