export { buildKustomization, KustomizeBuildError, type FileTree, type Manifest, type ParseCache } from './build-overlay.js';
export { applyImageOverrides, parseImage } from './images-transformer.js';
export { hasKubectlKustomize, kubectlKustomize } from './kubectl-kustomize.js';
export { KUSTOMIZATION_FILE, type ImageOverride, type Kustomization, type Patch, type PatchTarget } from './kustomization.js';
