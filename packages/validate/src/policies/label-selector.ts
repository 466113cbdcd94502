import type { Loose } from './policy.js';

/**
 * Whether a Kubernetes label selector (`matchLabels` and `matchExpressions`) selects these labels.
 * An empty selector selects everything, as in a NetworkPolicy's `podSelector: {}`.
 */
export function selects(selector: Loose, labels: Readonly<Record<string, string>>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const matchLabels = (selector.matchLabels ?? {}) as Record<string, unknown>;
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  const expressions = (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) as Loose[];
  return expressions.every((e) => {
    const has = Object.hasOwn(labels, e?.key);
    const values = (Array.isArray(e?.values) ? e.values : []) as unknown[];
    switch (e?.operator) {
      case 'In':
        return has && values.includes(labels[e.key]);
      case 'NotIn':
        return !has || !values.includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}
