export { buildAppObjects, BUILDERS, type AppObjects, type Builder } from './build-app.js';
export { BuildContext, type BuildInput, type ResolvedWorkload } from './context.js';
export { baseImageName, imageReference, imageVersion, type ImageMode } from './images.js';
export { groupKind, objectFileName, objectId, scopesFrom, type KubeObject, type Scopes } from './kube.js';
export { MANAGED_BY, selectorLabels, standardLabels, sortedMap } from './labels.js';
export { DEFAULT_SYNC_WAVES, DEFAULT_WAVE, SYNC_WAVE_ANNOTATION, SyncWaveTable } from './sync-waves.js';
export { canonicalize } from './steps.js';
