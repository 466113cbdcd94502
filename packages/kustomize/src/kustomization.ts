/** The fields of kustomization.yaml that fleetform writes (kustomize's own names and meanings). */
export interface Kustomization {
  apiVersion: 'kustomize.config.k8s.io/v1beta1';
  kind: 'Kustomization';
  resources?: string[];
  images?: ImageOverride[];
  patches?: Patch[];
}

/** One entry of kustomize's `images` transformer. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** One entry of `patches`: a file, and for a JSON 6902 patch the object it targets. */
export interface Patch {
  path: string;
  target?: PatchTarget;
}

export interface PatchTarget {
  group?: string;
  version: string;
  kind: string;
  name: string;
  namespace?: string;
}

export const KUSTOMIZATION_FILE = 'kustomization.yaml';
