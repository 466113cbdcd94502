import { apiGroup } from '@fleetform/addons';
import type { KubeObject } from '@fleetform/objects';
import type { PathSegment } from '@fleetform/yaml';
import type { Finding, Loose, Policy, PolicyObject } from './policy.js';

const CERT_MANAGER = 'cert-manager.io';
const ISSUER_KINDS = new Set(['Issuer', 'ClusterIssuer']);

/** How the set of issuers on a cluster names one: `ClusterIssuer/NAME`, or `Issuer/NAMESPACE/NAME`. */
export const issuerKey = (kind: string, name: string, namespace?: string): string => (kind === 'ClusterIssuer' ? `ClusterIssuer/${name}` : `Issuer/${namespace ?? ''}/${name}`);

/** The cert-manager issuers among some objects, as `issuerKey` names them. */
export function issuersIn(objects: readonly KubeObject[]): string[] {
  return objects.filter((o) => apiGroup(o.apiVersion) === CERT_MANAGER && ISSUER_KINDS.has(o.kind)).map((o) => issuerKey(o.kind, o.metadata.name, o.metadata.namespace));
}

interface IssuerReference {
  readonly kind: string;
  readonly name: string;
  readonly path: PathSegment[];
}

/**
 * The issuer an object asks cert-manager for: a Certificate's `issuerRef` (kind Issuer unless it says
 * otherwise), or an Ingress's `cert-manager.io/cluster-issuer` / `cert-manager.io/issuer` annotation.
 * References to external issuers (another `group`) are theirs to resolve, not cert-manager's.
 */
function referenceOf(object: KubeObject): IssuerReference | undefined {
  if (apiGroup(object.apiVersion) === CERT_MANAGER && object.kind === 'Certificate') {
    const ref = (object.spec as Loose)?.issuerRef;
    if (typeof ref?.name !== 'string' || (ref.group !== undefined && ref.group !== CERT_MANAGER)) return undefined;
    return { kind: ref.kind ?? 'Issuer', name: ref.name, path: ['spec', 'issuerRef', 'name'] };
  }
  if (object.kind !== 'Ingress') return undefined;
  const annotations = object.metadata.annotations ?? {};
  for (const kind of ['ClusterIssuer', 'Issuer'] as const) {
    const key = kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer';
    if (annotations[key] !== undefined) return { kind, name: annotations[key], path: ['metadata', 'annotations', key] };
  }
  return undefined;
}

/**
 * cert-manager leaves a Certificate (or an Ingress's TLS secret) pending forever when the issuer it
 * names does not exist, and Argo CD shows the app as progressing, not failed. On a rendered fleet each
 * reference must name an Issuer in the object's namespace or a ClusterIssuer that something on the
 * same cluster renders: an add-on's objects or any app's. Only checked where those are known (`issuers`).
 */
export const issuerReferencesResolve: Policy = {
  id: 'issuer-references-resolve',
  code: 'FF415',
  description: "every cert-manager issuer a Certificate or an Ingress names is an Issuer or ClusterIssuer rendered on its cluster",
  check({ objects, issuers, app }) {
    if (!issuers) return [];
    const findings: Finding[] = [];
    for (const target of objects) {
      const ref = referenceOf(target.object);
      if (!ref || !ISSUER_KINDS.has(ref.kind) || issuers.has(issuerKey(ref.kind, ref.name, target.object.metadata.namespace))) continue;
      findings.push(missing(target, ref, issuers, app));
    }
    return findings;
  },
};

function missing(target: PolicyObject, ref: IssuerReference, issuers: ReadonlySet<string>, app: string | undefined): Finding {
  const cluster = target.manifest.cluster ?? 'this cluster';
  const namespace = target.object.metadata.namespace;
  const available = [...issuers].filter((key) => key.startsWith('ClusterIssuer/') || key.startsWith(`Issuer/${namespace ?? ''}/`)).map((key) => key.split('/').pop()!);
  const where = ref.kind === 'Issuer' ? `in namespace ${namespace ?? '(none)'}` : '';
  return {
    target,
    path: ref.path,
    message: `${app ? `apps/${app} ` : ''}${target.object.kind} \`${target.object.metadata.name}\` names ${ref.kind} \`${ref.name}\`, which nothing renders on cluster ${cluster}${where ? ` ${where}` : ''}`,
    hint:
      available.length > 0
        ? `use one that exists there: ${[...new Set(available)].sort().map((n) => `\`${n}\``).join(', ')}; or render the ${ref.kind} (an app's resources/, or an add-on's objects)`
        : `install the \`cert-manager\` add-on (its catalogue entry renders ClusterIssuer \`cluster-issuer\`), or render the ${ref.kind} with an app`,
  };
}
