import { createRequire } from 'node:module';

/** This fleetform's version, from its package.json (beside src/ and dist/). */
export const FLEETFORM_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
