export type * from './generated/values.js';
export type { AppFiles, ClusterFile, FleetInputs, KubeObject, RawResource, ValueFile } from './types.js';
export { loadFleet, type LoadResult, type ParseYaml } from './load-fleet.js';
export { MAX_INPUT_BYTES, readInputs, rereadInputs, type InputFiles } from './read-inputs.js';
export { isInputFile, FLEET_FILE, appFile, appOfPath, clusterFile, folderName } from './paths.js';
export { validateValueFile, type ValueFileKind } from './schema-validator.js';
export { expandProfiles, findProfileCycles, type ProfileCycle } from './profiles.js';
export { appSchema, clusterSchema, fleetSchema } from './generated/schemas.js';
