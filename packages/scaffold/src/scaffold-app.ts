import { appFile } from '@fleetform/values';
import type { FleetFacts } from './read-fleet-facts.js';
import type { ImageValues } from './parse-image.js';
import type { ScaffoldFile } from './scaffold-file.js';
import type { Templates } from './templates.js';

export interface AppOptions {
  readonly name: string;
  readonly team: string;
  readonly image: ImageValues;
  readonly description?: string;
}

/** apps/NAME/app.yaml: one Deployment with a port, probes, resources and a Service, commented for a first reader. */
export function scaffoldApp(templates: Templates, facts: FleetFacts, options: AppOptions): ScaffoldFile {
  const { environments } = facts;
  const content = templates.render('app.yaml', {
    name: options.name,
    team: options.team,
    description: options.description ?? `The ${options.name} app.`,
    image: { registry: options.image.registry ?? '', repository: options.image.repository, tag: options.image.tag },
    environments,
    // The example override goes to the last environment, where apps usually run bigger; with one
    // environment there is nothing to differ from, so it stays a comment.
    lastEnvironment: environments.length > 1 ? environments[environments.length - 1] : '',
  });
  return { path: appFile(options.name), content };
}
