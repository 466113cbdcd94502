import { apiGroup, CATALOGUE, CATALOGUE_KEYS, needsCrd, provides } from '@fleetform/addons';
import type { Finding, Loose, Policy } from './policy.js';

/** The catalogue add-on that provides a kind, for the hint. */
const catalogueFor = (group: string, kind: string): string | undefined => CATALOGUE_KEYS.find((key) => provides(CATALOGUE[key].provides, group, kind));

/**
 * A custom resource syncs only where its CRD exists. On a rendered fleet each app's kinds must come
 * from Kubernetes, the cluster's Argo CD, an add-on installed on that cluster, or a CRD the app
 * ships itself; otherwise Argo CD fails the sync with "the server could not find the requested resource".
 * Only checked where the add-ons are known (`providedGroups`), never on loose manifests.
 */
export const addonProvidesCrds: Policy = {
  id: 'addon-provides-crds',
  code: 'FF409',
  description: 'every custom kind an app deploys comes from an add-on on its cluster or a CRD the app ships',
  check({ objects, providedGroups, app }) {
    if (!providedGroups) return [];
    const shipped = new Set(
      objects.filter((o) => o.object.kind === 'CustomResourceDefinition').map((o) => `${(o.object.spec as Loose)?.group}/${(o.object.spec as Loose)?.names?.kind}`),
    );
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const target of objects) {
      const { kind, apiVersion } = target.object;
      const group = apiGroup(apiVersion);
      const key = `${group}/${kind}`;
      if (!needsCrd(group, kind) || shipped.has(key) || provides(providedGroups, group, kind) || reported.has(key)) continue;
      reported.add(key);
      const cluster = target.manifest.cluster ?? 'this cluster';
      const addon = catalogueFor(group, kind);
      findings.push({
        target,
        path: ['apiVersion'],
        message: `apps/${app ?? target.object.metadata.name} uses ${kind} (${group}) but cluster ${cluster} has no add-on providing it`,
        hint: addon
          ? `install the \`${addon}\` add-on on ${cluster} (clusters/fleet.yaml \`addons\`, catalogue: ${addon}; check its targets and cluster.yaml \`addons.NAME.enabled\`)`
          : `declare an add-on with \`provides: [${group}]\` in clusters/fleet.yaml, or ship the CRD with the app`,
      });
    }
    return findings;
  },
};
