import { clusterFile } from '@fleetform/values';
import type { FleetFacts } from './read-fleet-facts.js';
import type { ScaffoldFile } from './scaffold-file.js';
import type { Templates } from './templates.js';

export interface ClusterOptions {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
}

/** clusters/NAME/cluster.yaml: the environment and region, and commented examples of the rest. */
export function scaffoldCluster(templates: Templates, facts: FleetFacts, options: ClusterOptions): ScaffoldFile {
  const production = facts.environments.length > 1 && facts.environments[facts.environments.length - 1] === options.environment;
  return { path: clusterFile(options.name), content: templates.render('cluster.yaml', { ...options, production }) };
}
