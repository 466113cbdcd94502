/** Where the inputs of a fleet live, relative to its root. */
export const FLEET_FILE = 'clusters/fleet.yaml';
export const clusterFile = (name: string): string => `clusters/${name}/cluster.yaml`;
export const appFile = (name: string): string => `apps/${name}/app.yaml`;
export const appResourcesDir = (name: string): string => `apps/${name}/resources`;

const INPUT_PATTERNS = [
  /^clusters\/fleet\.yaml$/,
  /^clusters\/[^/]+\/cluster\.yaml$/,
  /^apps\/[^/]+\/app\.yaml$/,
  /^apps\/[^/]+\/resources\/[^/]+\.(ya?ml|json)$/,
  // A chart's own values schema and default values, vendored to check Helm values offline.
  /^charts\/[^/]+\/[^/]+\/values\.(schema\.json|ya?ml)$/,
];

/** True for the files fleetform reads as input. Inputs are never written or deleted by `render`. */
export function isInputFile(path: string): boolean {
  return INPUT_PATTERNS.some((pattern) => pattern.test(path));
}

/** The folder name of a cluster or app file: `clusters/NAME/cluster.yaml` → `NAME`. */
export function folderName(path: string): string {
  return path.split('/')[1]!;
}

/** The app whose folder holds a path (`apps/NAME/…` → `NAME`), input or generated; undefined elsewhere. */
export function appOfPath(path: string): string | undefined {
  return /^apps\/([^/]+)\//.exec(path)?.[1];
}
