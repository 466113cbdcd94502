import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';

/** A PodDisruptionBudget (policy/v1) for each workload that sets one. */
export function buildDisruptionBudgets(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    const budget = workload.disruptionBudget;
    if (!budget) return [];
    const given = [budget.minAvailable, budget.maxUnavailable].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.report('FF210', 'disruptionBudget needs exactly one of minAvailable or maxUnavailable', [...workload.path, 'disruptionBudget']);
    }
    return [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: ctx.metadata(workload.name, workload.name),
        spec: {
          ...(budget.minAvailable !== undefined ? { minAvailable: budget.minAvailable } : { maxUnavailable: budget.maxUnavailable }),
          selector: { matchLabels: selectorLabels(ctx.app, workload.name) },
        },
      },
    ];
  });
}
