import { catalogueEntry } from './catalogue.js';
import type { AddonCluster, FleetAddon, HelmValues } from './model.js';

/** One source of an add-on's Helm values on a cluster, and where it is written. */
export interface AddonValueLayer {
  /** The file that holds it: clusters/fleet.yaml, the cluster's cluster.yaml, or none (the catalogue's defaults). */
  readonly file: 'catalogue' | 'fleet' | 'cluster';
  /** Where in that file. */
  readonly path: readonly string[];
  readonly values: HelmValues | undefined;
}

/**
 * The layers of an add-on's Helm values on one cluster, lowest first: catalogue defaults < fleet
 * values < environment < region < cluster override < cluster.yaml. Merging them gives the values;
 * reading them from the top says which file set a value.
 */
export function addonValueLayers(name: string, addon: FleetAddon, cluster: AddonCluster): AddonValueLayer[] {
  const overrides = addon.overrides ?? {};
  const override = (kind: 'environments' | 'regions' | 'clusters', key: string): AddonValueLayer => ({
    file: 'fleet',
    path: ['addons', name, 'overrides', kind, key],
    values: overrides[kind]?.[key],
  });
  return [
    { file: 'catalogue', path: [], values: catalogueEntry(addon.catalogue)?.values },
    { file: 'fleet', path: ['addons', name, 'values'], values: addon.values },
    override('environments', cluster.environment),
    override('regions', cluster.region),
    override('clusters', cluster.name),
    { file: 'cluster', path: ['addons', name, 'values'], values: cluster.addons?.[name]?.values },
  ];
}
