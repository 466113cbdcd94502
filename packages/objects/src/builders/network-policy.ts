import type { NetworkPeer, NetworkRule } from '@fleetform/values';
import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';

type Json = Record<string, unknown>;

const DNS_RULE: Json = {
  ports: [
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ],
};

/** A NetworkPolicy per workload that restricts traffic, and the app-wide default-deny policy. */
export function buildNetworkPolicies(ctx: BuildContext): KubeObject[] {
  const policies: KubeObject[] = [];
  if (ctx.values.defaultDenyNetworkPolicy) {
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: ctx.metadata(`${ctx.app.name}-default-deny`),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  }
  for (const workload of ctx.workloads) {
    const policy = workload.networkPolicy;
    if (!policy || (!policy.ingress && !policy.egress)) continue;
    const spec: Json = { podSelector: { matchLabels: selectorLabels(ctx.app, workload.name) }, policyTypes: [] as string[] };
    if (policy.ingress) {
      (spec.policyTypes as string[]).push('Ingress');
      spec.ingress = policy.ingress.map((rule) => buildRule(rule, 'from'));
    }
    if (policy.egress) {
      (spec.policyTypes as string[]).push('Egress');
      const rules = policy.egress.map((rule) => buildRule(rule, 'to'));
      spec.egress = policy.allowDNS === false ? rules : [DNS_RULE, ...rules];
    }
    policies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: ctx.metadata(workload.name, workload.name), spec });
  }
  return policies;
}

function buildRule(rule: NetworkRule, direction: 'from' | 'to'): Json {
  const result: Json = {};
  if (rule.peers && rule.peers.length > 0) result[direction] = rule.peers.map(buildPeer);
  if (rule.ports) {
    result.ports = rule.ports.map((p) => (typeof p === 'object' ? { port: p.port, protocol: p.protocol ?? 'TCP' } : { port: p, protocol: 'TCP' }));
  }
  return result;
}

function buildPeer(peer: NetworkPeer): Json {
  if (peer.cidr) return { ipBlock: { cidr: peer.cidr, ...(peer.except ? { except: [...peer.except] } : {}) } };
  const result: Json = {};
  if (peer.namespaceLabels) result.namespaceSelector = { matchLabels: { ...peer.namespaceLabels } };
  if (peer.podLabels) result.podSelector = { matchLabels: { ...peer.podLabels } };
  return result;
}
