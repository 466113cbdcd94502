export { editValueFile, type ValueEdit } from './edit-value-file.js';
export { formatImageRef, imageRefOf, isMutable, OCI_DIGEST, OCI_TAG, parseImageRef, sameRef, type ImageRef } from './image-ref.js';
export { planBump, type AppBump, type BumpOptions, type BumpPlan, type BumpRequest, type ClusterChange, type UnchangedCluster } from './plan-bump.js';
export { planPromotion, type Promotion, type PromotionRequest } from './plan-promotion.js';
export { changedFiles, prepareChange, renderInFull, type FileChange, type PreparedChange, type RenderChange, type RenderedChange } from './prepare-change.js';
export { describeScope, imagePath, inScope, type Scope } from './scope.js';
export { checkAddonRequest } from './plan-addon-bump.js';
export { isDowngrade, isExactVersion } from './versions.js';
