/**
 * Reading a fleet's input files and naming their paths, without the schemas and the loader: what a
 * command needs to tell whether anything changed, kept light so that it starts fast (`fleetform
 * render --check` on an unchanged fleet loads only this).
 */
export { MAX_INPUT_BYTES, readInputs, rereadInputs, type InputFiles } from './read-inputs.js';
export { appFile, appOfPath, clusterFile, FLEET_FILE, folderName, isInputFile } from './paths.js';
