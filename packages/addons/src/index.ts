export type { AddonChart, AddonCluster, AddonObject, AddonOverrides, AddonTargets, ClusterAddon, FleetAddon, HelmValues, IgnoreDifference, ResolvedAddon } from './model.js';
export { CATALOGUE, CATALOGUE_KEYS, CLUSTER_ISSUER, catalogueEntry, type CatalogueEntry, type CatalogueKey } from './catalogue.js';
export { mergeValues } from './merge-values.js';
export { addonsForCluster, addonTargetsCluster } from './select-addons.js';
export { addonValueLayers, type AddonValueLayer } from './value-layers.js';
export { apiGroup, ARGO_CD_PROVIDES, BUILT_IN_GROUPS, needsCrd, provides, providedOnCluster } from './provided-groups.js';
