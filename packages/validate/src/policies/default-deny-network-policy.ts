import type { KubeObject } from '@fleetform/objects';
import type { PathSegment } from '@fleetform/yaml';
import { selects } from './label-selector.js';
import type { Finding, Loose, Policy, PolicyObject } from './policy.js';
import { WORKLOAD_KINDS } from './policy.js';

const DIRECTIONS = ['Ingress', 'Egress'] as const;
type Direction = (typeof DIRECTIONS)[number];

/** The labels of the pods a workload creates, and where they are written. */
function podLabelsOf(object: KubeObject): { path: PathSegment[]; labels: Record<string, string> } | undefined {
  const spec = object.spec as Loose;
  if (object.kind === 'Pod') return { path: ['metadata', 'labels'], labels: object.metadata.labels ?? {} };
  const at: PathSegment[] = object.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
  const template = object.kind === 'CronJob' ? spec?.jobTemplate?.spec?.template : spec?.template;
  // A Rollout with a workloadRef has no template of its own: its pods are the referenced Deployment's.
  if (!template || typeof template !== 'object') return undefined;
  return { path: [...at, 'metadata', 'labels'], labels: (template.metadata?.labels ?? {}) as Record<string, string> };
}

/** Kubernetes' rule: a policy without policyTypes restricts ingress, and egress only when it has egress rules. */
function restricts(policy: KubeObject, direction: Direction): boolean {
  const spec = policy.spec as Loose;
  if (Array.isArray(spec?.policyTypes)) return spec.policyTypes.includes(direction);
  return direction === 'Ingress' || spec?.egress !== undefined;
}

/**
 * Every pod an app runs is isolated in both directions by a NetworkPolicy in its namespace, so it
 * accepts and sends only the traffic some policy allows. fleetform builds `APP-default-deny` for that
 * unless the values turn it off; a raw workload is covered when its pods carry the app's instance label.
 */
export const defaultDenyNetworkPolicy: Policy = {
  id: 'default-deny-network-policy',
  code: 'FF416',
  description: "every pod of an app is isolated for ingress and egress by a NetworkPolicy (the app's default-deny)",
  check({ objects, app, values, locate }) {
    // A default-deny belongs to an app's namespace; a loose manifest stream has no app to hold one.
    if (app === undefined) return [];
    const policies = objects.map((o) => o.object).filter((o) => o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1');
    const findings: Finding[] = [];
    for (const target of objects) {
      if (!WORKLOAD_KINDS.has(target.object.kind)) continue;
      const pods = podLabelsOf(target.object);
      if (!pods) continue;
      const open = DIRECTIONS.filter(
        (direction) => !policies.some((p) => p.metadata.namespace === target.object.metadata.namespace && restricts(p, direction) && selects((p.spec as Loose)?.podSelector, pods.labels)),
      );
      if (open.length > 0) findings.push(finding(target, pods, open, app, values?.defaultDenyNetworkPolicy === false ? locate?.(['defaultDenyNetworkPolicy']) : undefined));
    }
    return findings;
  },
};

function finding(target: PolicyObject, pods: { path: PathSegment[]; labels: Record<string, string> }, open: readonly Direction[], app: string, turnedOff: Finding['position']): Finding {
  const { kind, metadata } = target.object;
  const directions = open.map((d) => d.toLowerCase()).join(' and ');
  const message = `pods of ${kind} ${metadata.name} are not isolated for ${directions} by any NetworkPolicy`;
  // The app's own default-deny would have selected them: the values turned it off, so point there.
  if (turnedOff && pods.labels['app.kubernetes.io/instance'] === app) {
    return {
      target,
      position: turnedOff,
      path: ['defaultDenyNetworkPolicy'],
      message: `${message}: the app sets \`defaultDenyNetworkPolicy: false\``,
      hint: 'remove `defaultDenyNetworkPolicy: false` (allow what the app needs under `networkPolicy`), or waive `default-deny-network-policy` in `waivers` with the reason',
    };
  }
  return {
    target,
    path: pods.path,
    message,
    hint: `label the pods \`app.kubernetes.io/instance: ${app}\` so the app's default-deny selects them, or add a NetworkPolicy with policyTypes [Ingress, Egress] that does`,
  };
}
