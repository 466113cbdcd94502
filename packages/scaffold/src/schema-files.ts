import { appSchema, clusterSchema, fleetSchema } from '@fleetform/values';
import type { ScaffoldFile } from './scaffold-file.js';

/**
 * The JSON Schemas of the value files, for the `# yaml-language-server: $schema=…` line each value
 * file starts with. They are the ones this fleetform validates with, so an editor and fleetform agree.
 */
export function schemaFiles(): ScaffoldFile[] {
  const schemas = { app: appSchema, cluster: clusterSchema, fleet: fleetSchema };
  return Object.entries(schemas).map(([name, schema]) => ({ path: `schemas/${name}.schema.json`, content: `${JSON.stringify(schema, null, 2)}\n` }));
}
