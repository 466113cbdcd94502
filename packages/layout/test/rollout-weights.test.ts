import { describe, expect, it } from 'vitest';
import { ignoringRolloutWeights } from '../src/argocd/application.js';

const application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'search' },
  spec: { syncPolicy: { syncOptions: ['CreateNamespace=true'] } },
};
const object = (kind: string, name: string) => ({ kind, metadata: { name } });

describe('an Application of an app whose canary Argo Rollouts routes through Istio', () => {
  it('ignores the route weights of its VirtualServices, also when syncing, so self-heal does not undo a rollout', () => {
    const result = ignoringRolloutWeights(application, [object('Rollout', 'search-service'), object('VirtualService', 'search-service')]);
    expect(result.spec).toEqual({
      syncPolicy: { syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true'] },
      ignoreDifferences: [{ group: 'networking.istio.io', kind: 'VirtualService', jqPathExpressions: ['.spec.http[].route[].weight'] }],
    });
  });

  it('leaves an app alone whose VirtualServices no Rollout manages, or whose Rollout routes by replicas', () => {
    expect(ignoringRolloutWeights(application, [object('Rollout', 'search-service'), object('VirtualService', 'gateway')])).toBe(application);
    expect(ignoringRolloutWeights(application, [object('Rollout', 'search-service'), object('Service', 'search-service')])).toBe(application);
  });
});
