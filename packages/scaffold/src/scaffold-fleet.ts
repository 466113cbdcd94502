import { FLEET_FILE } from '@fleetform/values';
import { scaffoldApp } from './scaffold-app.js';
import { scaffoldCluster } from './scaffold-cluster.js';
import type { FleetFacts } from './read-fleet-facts.js';
import type { ImageValues } from './parse-image.js';
import { byPath, type ScaffoldFile } from './scaffold-file.js';
import { schemaFiles } from './schema-files.js';
import type { Templates } from './templates.js';

export interface FleetOptions {
  /** The fleet's name, for people: the folder name, usually. */
  readonly name: string;
  readonly repoURL: string;
  readonly region: string;
  readonly registry: string;
  /** The version range of fleetform the new repository depends on. */
  readonly fleetformVersion: string;
}

/** The environments every new fleet starts with: fleet.yaml.hbs declares them. */
const ENVIRONMENTS = ['staging', 'prod'];

/**
 * An example app that runs as it is, anywhere: an unprivileged nginx from Docker Hub, which listens
 * on 8080 and writes only to /tmp, so the secure defaults (non-root, read-only root filesystem) hold.
 */
export const EXAMPLE_APP = { name: 'hello', team: 'platform', description: 'An nginx that says hello: the example app, to copy or delete.' } as const;
const EXAMPLE_IMAGE: ImageValues = { registry: 'docker.io', repository: 'nginxinc/nginx-unprivileged', tag: '1.27-alpine' };

/** Every file of a new fleet repository, in path order. Pure: nothing is written. */
export function scaffoldFleet(templates: Templates, options: FleetOptions): ScaffoldFile[] {
  const facts: FleetFacts = { environments: ENVIRONMENTS, regions: [options.region] };
  const cluster = `${options.region}-${ENVIRONMENTS[0]}`;
  const context = { fleet: options.name, repoURL: options.repoURL, region: options.region, registry: options.registry, app: EXAMPLE_APP.name, cluster };
  return [
    { path: 'package.json', content: packageJson(options) },
    { path: '.gitignore', content: templates.text('gitignore') },
    { path: 'README.md', content: templates.render('README.md', context) },
    { path: '.github/workflows/fleetform-pr.yml', content: templates.text('fleetform-pr.yml') },
    { path: FLEET_FILE, content: templates.render('fleet.yaml', context) },
    scaffoldCluster(templates, facts, { name: cluster, environment: ENVIRONMENTS[0]!, region: options.region }),
    scaffoldApp(templates, facts, { ...EXAMPLE_APP, image: EXAMPLE_IMAGE }),
    ...schemaFiles(),
  ].sort(byPath);
}

function packageJson(options: FleetOptions): string {
  const manifest = {
    name: packageName(options.name),
    private: true,
    description: `The ${options.name} fleet: value files, and the manifests fleetform renders from them for Argo CD.`,
    engines: { node: '>=20.11' },
    scripts: {
      render: 'fleetform render',
      validate: 'fleetform validate',
      check: 'fleetform render --check && fleetform validate',
    },
    dependencies: { fleetform: options.fleetformVersion },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** npm names are lower case, URL-safe and at most 214 characters. */
function packageName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 214) || 'fleet'
  );
}
