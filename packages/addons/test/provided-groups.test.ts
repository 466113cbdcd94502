import { describe, expect, it } from 'vitest';
import { apiGroup, needsCrd, providedOnCluster, provides } from '@fleetform/addons';

describe('provided groups', () => {
  it('reads the group of an apiVersion, the core group being empty', () => {
    expect(['cert-manager.io/v1', 'v1', 'apps/v1'].map(apiGroup)).toEqual(['cert-manager.io', '', 'apps']);
  });

  it('needs a CRD for custom groups only, Argo CD\'s own kinds being always there', () => {
    expect(needsCrd('cert-manager.io', 'Certificate')).toBe(true);
    expect(needsCrd('gateway.networking.k8s.io', 'HTTPRoute')).toBe(true);
    expect(needsCrd('argoproj.io', 'Rollout')).toBe(true);
    expect(needsCrd('argoproj.io', 'Application')).toBe(false);
    expect(needsCrd('networking.k8s.io', 'Ingress')).toBe(false);
    expect(needsCrd('', 'ConfigMap')).toBe(false);
  });

  it('matches a whole group or a single kind', () => {
    expect(provides(['cert-manager.io'], 'cert-manager.io', 'Certificate')).toBe(true);
    expect(provides(['argoproj.io/Rollout'], 'argoproj.io', 'Rollout')).toBe(true);
    expect(provides(['argoproj.io/Rollout'], 'argoproj.io', 'Workflow')).toBe(false);
    expect([...providedOnCluster([])]).toEqual(['argoproj.io/Application', 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet']);
  });
});
