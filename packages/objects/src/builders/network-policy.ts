import type { NetworkPeer, NetworkRule, Port, Service } from '@fleetform/values';
import type { BuildContext, ResolvedWorkload } from '../context.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';
import { serviceName } from './service.js';

type Json = Record<string, unknown>;

/** Where the cluster's shared services run unless `platformNamespaces` says otherwise. */
export const DEFAULT_PLATFORM_NAMESPACES = { dns: 'kube-system', monitoring: 'monitoring', ingressController: 'ingress-nginx' } as const;

const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const NAME_LABEL = 'app.kubernetes.io/name';
const WEBHOOK_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

/**
 * The app's NetworkPolicies: unless the values turn it off, `APP-default-deny` and `APP-allow-dns`
 * for all the app's pods, and per workload a policy with the rules its values ask for plus the
 * traffic the app needs to work (ingress controller, Prometheus, the API server calling a webhook).
 *
 * The default-deny is per app, selecting the app's pods by `app.kubernetes.io/instance`, not the whole
 * namespace: several apps share a namespace (the openpolicy services), and a namespace-wide policy
 * would need one owner that runs on every cluster where any of them does. Per app, each app's
 * policies follow it wherever it is deployed, and no two apps ever build the same object.
 */
export function buildNetworkPolicies(ctx: BuildContext): KubeObject[] {
  const defaultDeny = ctx.values.defaultDenyNetworkPolicy !== false;
  const policies: KubeObject[] = [];
  if (defaultDeny) {
    policies.push(networkPolicy(ctx, `${ctx.app.name}-default-deny`, { podSelector: appPods(ctx), policyTypes: ['Ingress', 'Egress'] }));
    const dns = allowDns(ctx);
    if (dns) policies.push(dns);
  }
  for (const workload of ctx.workloads) {
    const policy = workloadPolicy(ctx, workload, defaultDeny);
    if (policy) policies.push(policy);
  }
  return policies;
}

function networkPolicy(ctx: BuildContext, name: string, spec: Json, component?: string): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: ctx.metadata(name, component), spec };
}

const appPods = (ctx: BuildContext): Json => ({ matchLabels: { [INSTANCE_LABEL]: ctx.app.name } });

const platform = (ctx: BuildContext) => ({ ...DEFAULT_PLATFORM_NAMESPACES, ...ctx.values.platformNamespaces });

const namespacePeer = (namespace: string): Json => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });

function dnsRule(ctx: BuildContext): Json {
  return {
    to: [{ ...namespacePeer(platform(ctx).dns), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  };
}

/** DNS for every pod of the app, except the workloads that say `allowDNS: false`. */
function allowDns(ctx: BuildContext): KubeObject | undefined {
  const without = ctx.workloads.filter((w) => w.networkPolicy?.allowDNS === false).map((w) => w.name);
  if (without.length === ctx.workloads.length && without.length > 0) return undefined;
  const podSelector = appPods(ctx);
  if (without.length > 0) podSelector.matchExpressions = [{ key: NAME_LABEL, operator: 'NotIn', values: without.sort() }];
  return networkPolicy(ctx, `${ctx.app.name}-allow-dns`, { podSelector, policyTypes: ['Egress'], egress: [dnsRule(ctx)] });
}

/**
 * A workload's own policy. Under the default-deny it only adds allows, so a direction appears when
 * something is allowed. Without it, a direction the values list is restricted to its rules (and the
 * traffic the app needs), as before the default-deny existed.
 */
function workloadPolicy(ctx: BuildContext, workload: ResolvedWorkload, defaultDeny: boolean): KubeObject | undefined {
  const own = workload.networkPolicy ?? {};
  const policyTypes: string[] = [];
  const rules: Json = {};
  if (defaultDeny || own.ingress) {
    const ingress = distinct([...(own.ingress ?? []).map((rule) => buildRule(rule, 'from')), ...platformIngress(ctx, workload)]);
    if (!defaultDeny || ingress.length > 0) {
      policyTypes.push('Ingress');
      rules.ingress = ingress;
    }
  }
  if (own.egress && (!defaultDeny || own.egress.length > 0)) {
    policyTypes.push('Egress');
    const egress = own.egress.map((rule) => buildRule(rule, 'to'));
    // Under the default-deny, `APP-allow-dns` already lets the workload resolve names.
    rules.egress = defaultDeny || own.allowDNS === false ? egress : [dnsRule(ctx), ...egress];
  }
  if (policyTypes.length === 0) return undefined;
  return networkPolicy(ctx, workload.name, { podSelector: { matchLabels: selectorLabels(ctx.app, workload.name) }, policyTypes, ...rules }, workload.name);
}

/** Rules in their first place, each once: values may already allow what the app needs to work. */
function distinct(rules: readonly Json[]): Json[] {
  const seen = new Set<string>();
  return rules.filter((rule) => !seen.has(JSON.stringify(rule)) && seen.add(JSON.stringify(rule)));
}

/** The ingress a workload needs to work: its Ingress, its ServiceMonitor and its admission webhooks. */
function platformIngress(ctx: BuildContext, workload: ResolvedWorkload): Json[] {
  const namespaces = platform(ctx);
  const rules: Json[] = [];
  const ingressPort = workload.ingress && ingressTarget(ctx, workload);
  if (ingressPort) rules.push({ from: [namespacePeer(namespaces.ingressController)], ports: [ingressPort] });
  const scraped = workload.serviceMonitor?.port && servicePortsOf(ctx, workload).find((p) => p.name === workload.serviceMonitor?.port);
  if (scraped) rules.push({ from: [namespacePeer(namespaces.monitoring)], ports: [scraped.target] });
  // The API server calls webhooks from addresses no selector describes, so any source may reach them.
  const webhookPorts = webhookTargets(ctx, workload);
  if (webhookPorts.length > 0) rules.push({ ports: webhookPorts });
  return rules;
}

interface ServicePortTarget {
  readonly service: string;
  readonly key: string;
  readonly name: string;
  readonly port: number | undefined;
  /** The container port the Service sends to, as a NetworkPolicy names it. */
  readonly target: Json;
}

/** Every port of the workload's Services, with the container port it reaches. */
function servicePortsOf(ctx: BuildContext, workload: ResolvedWorkload): ServicePortTarget[] {
  return Object.entries(workload.services ?? {}).flatMap(([key, service]: [string, Service]) =>
    Object.entries(service.ports ?? {}).map(([name, port]) => {
      const target = port.targetPort ?? name;
      const container: Port | undefined = typeof target === 'string' ? workload.ports?.[target] : undefined;
      const number = typeof target === 'number' ? target : container?.port;
      return {
        service: serviceName(ctx, key, service.name),
        key,
        name,
        port: port.port ?? number,
        target: { port: number ?? target, protocol: container?.protocol ?? port.protocol ?? 'TCP' },
      };
    }),
  );
}

function ingressTarget(ctx: BuildContext, workload: ResolvedWorkload): Json | undefined {
  const ports = servicePortsOf(ctx, workload);
  const serviceKey = workload.ingress?.service ?? ports[0]?.key;
  const candidates = ports.filter((p) => p.key === serviceKey);
  const wanted = workload.ingress?.port;
  const found = wanted === undefined ? candidates[0] : candidates.find((p) => (typeof wanted === 'number' ? p.port === wanted : p.name === wanted));
  return found?.target;
}

/** The container ports that the app's webhook configurations (raw resources) call on this workload. */
function webhookTargets(ctx: BuildContext, workload: ResolvedWorkload): Json[] {
  const ports = servicePortsOf(ctx, workload);
  const targets = new Map<string, Json>();
  for (const { object } of ctx.input.resources) {
    if (!WEBHOOK_KINDS.has(object.kind)) continue;
    const webhooks = (object as { webhooks?: { clientConfig?: { service?: { name?: string; namespace?: string; port?: number } } }[] }).webhooks ?? [];
    for (const webhook of webhooks) {
      const service = webhook.clientConfig?.service;
      if (!service || (service.namespace ?? ctx.namespace) !== ctx.namespace) continue;
      const port = ports.find((p) => p.service === service.name && p.port === (service.port ?? 443));
      if (port) targets.set(JSON.stringify(port.target), port.target);
    }
  }
  return [...targets.values()];
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
