import type { Finding, Loose, Policy } from './policy.js';

const isRollout = (o: { apiVersion: string; kind: string }) => o.kind === 'Rollout' && o.apiVersion.startsWith('argoproj.io/');

/**
 * A canary's `setWeight` steps each give the new version more traffic than the one before, and the
 * last gives it all of it. A weight that falls back is a mistake in the order; a canary whose steps
 * stop short of 100 skips the analysis at full traffic and jumps there when its steps run out.
 */
export const canarySteps: Policy = {
  id: 'canary-steps',
  code: 'FF410',
  description: 'a canary Rollout\'s setWeight steps rise and the last one is 100',
  check({ objects }) {
    const findings: Finding[] = [];
    for (const target of objects) {
      if (!isRollout(target.object)) continue;
      const steps: Loose[] = (target.object.spec as Loose)?.strategy?.canary?.steps ?? [];
      if (!Array.isArray(steps)) continue;
      const weights = steps.flatMap((step, index) => (typeof step?.setWeight === 'number' ? [{ weight: step.setWeight as number, index }] : []));
      const name = target.object.metadata.name;
      weights.forEach(({ weight, index }, i) => {
        const before = weights[i - 1];
        if (!before || weight > before.weight) return;
        findings.push({
          target,
          path: ['spec', 'strategy', 'canary', 'steps', index, 'setWeight'],
          message: `Rollout ${name} sets the canary's weight to ${weight} after ${before.weight} (step ${before.index}): weights must rise`,
          hint: 'order the setWeight steps from the smallest share of traffic to 100',
        });
      });
      const last = weights[weights.length - 1];
      if (last && last.weight !== 100) {
        findings.push({
          target,
          path: ['spec', 'strategy', 'canary', 'steps', last.index, 'setWeight'],
          message: `Rollout ${name}'s canary ends at weight ${last.weight}, not 100`,
          hint: 'end the steps with `setWeight: 100` (and an analysis before it), so the full rollout is a step you chose',
        });
      }
    }
    return findings;
  },
};
