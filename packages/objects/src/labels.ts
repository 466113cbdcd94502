import type { AppIdentity } from '@fleetform/resolve';

export const MANAGED_BY = 'fleetform';

/** Labels that select a workload's pods. They never change over the workload's life. */
export function selectorLabels(app: AppIdentity, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, 'app.kubernetes.io/instance': app.name };
}

/** The standard labels (app.kubernetes.io/*) every object of an app carries. */
export function standardLabels(app: AppIdentity, component: string = app.name): Record<string, string> {
  return {
    ...selectorLabels(app, component),
    'app.kubernetes.io/part-of': app.partOf,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** A copy of a string map with its keys in sorted order, so output never depends on merge order. */
export function sortedMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
