export { mergeValues } from './merge.js';
export { appBaseValues, baseLayers, clusterLayers, type Layer } from './layers.js';
export { selectClusters } from './select-clusters.js';
export { appIdentity, mergeLayers, resolveBase, resolveInstances, type AppIdentity, type AppInstance } from './resolve.js';
export { valueAt, valuePositions } from './value-positions.js';
