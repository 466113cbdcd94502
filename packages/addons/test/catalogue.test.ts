import { describe, expect, it } from 'vitest';
import { CATALOGUE, CATALOGUE_KEYS, CLUSTER_ISSUER, catalogueEntry } from '@fleetform/addons';

describe('the catalogue', () => {
  it('pins every chart to an exact version from an https repository', () => {
    for (const key of CATALOGUE_KEYS) {
      const entry = CATALOGUE[key];
      expect(entry.repoURL, key).toMatch(/^https:\/\//);
      expect(entry.version, key).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
  });

  it('delivers a self-signed ClusterIssuer named as seed 002 expects with cert-manager', () => {
    expect(CATALOGUE['cert-manager'].objects).toEqual([
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: CLUSTER_ISSUER }, spec: { selfSigned: {} } },
    ]);
    expect(CLUSTER_ISSUER).toBe('cluster-issuer');
  });

  it('names the CRD groups each add-on provides, and only kinds for the group argo-rollouts shares with Argo CD', () => {
    expect(Object.fromEntries(CATALOGUE_KEYS.map((k) => [k, CATALOGUE[k].provides]))).toEqual({
      'argo-rollouts': ['argoproj.io/Rollout', 'argoproj.io/AnalysisTemplate', 'argoproj.io/ClusterAnalysisTemplate', 'argoproj.io/AnalysisRun', 'argoproj.io/Experiment'],
      'cert-manager': ['cert-manager.io', 'acme.cert-manager.io'],
      'external-secrets': ['external-secrets.io', 'generators.external-secrets.io'],
      'istio-base': ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
      istiod: [],
      'kube-prometheus-stack': ['monitoring.coreos.com'],
    });
  });

  it('asks for a server-side apply where the CRDs are too large for the last-applied annotation', () => {
    expect(CATALOGUE_KEYS.filter((k) => CATALOGUE[k].serverSideApply)).toEqual(['argo-rollouts', 'external-secrets', 'kube-prometheus-stack']);
  });

  it('finds an entry by key, and nothing for a key it does not know (nor an Object.prototype name)', () => {
    expect(catalogueEntry('istiod')?.chart).toBe('istiod');
    expect(catalogueEntry('cert-manger')).toBeUndefined();
    expect(catalogueEntry('constructor')).toBeUndefined();
    expect(catalogueEntry(undefined)).toBeUndefined();
  });
});
