import { didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import type { PathSegment } from '@fleetform/yaml';
import { checkAddons } from './addon-checks.js';
import { checkHub } from './hub-checks.js';
import { findProfileCycles } from './profiles.js';
import type { FleetInputs, ValueFile } from './types.js';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const mapping = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Checks that need more than one file: names that must exist elsewhere, duplicates, name rules.
 * Runs on files that may have failed their schema too, so it reads every value defensively.
 */
export function checkAcrossFiles(inputs: FleetInputs): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { fleet } = inputs;
  const environmentList = Array.isArray(fleet.value.environments) ? fleet.value.environments : [];
  const environments = strings(environmentList.map((e) => mapping(e).name));
  const regions = Object.keys(mapping(fleet.value.regions));
  const clusters = [...inputs.clusters.keys()];

  const seen = new Set<string>();
  environmentList.forEach((environment, index) => {
    if (typeof environment?.name !== 'string') return;
    if (seen.has(environment.name)) {
      diagnostics.push(
        error('FF110', `environment \`${environment.name}\` is listed twice`, {
          position: fleet.source.positionOf(['environments', index, 'name']),
          path: `/environments/${index}/name`,
          hint: 'each environment appears once; the list order is the promotion order',
        }),
      );
    }
    seen.add(environment.name);
  });

  const unknown = (file: ValueFile<unknown>, path: PathSegment[], what: string, name: unknown, known: string[]): void => {
    if (typeof name !== 'string' || known.includes(name)) return;
    diagnostics.push(
      error('FF112', `unknown ${what} \`${name}\``, {
        position: file.source.positionOf(path),
        path: `/${path.join('/')}`,
        expected: known.length > 0 ? `one of ${known.map((k) => `\`${k}\``).join(', ')}` : `a ${what} declared first`,
        found: `\`${name}\``,
        hint: didYouMean(name, known) ?? `declare it in clusters/fleet.yaml or fix the name`,
      }),
    );
  };
  const unknownKeys = (file: ValueFile<unknown>, path: PathSegment[], map: object | undefined, what: string, known: string[]): void => {
    for (const key of Object.keys(map ?? {})) unknown(file, [...path, key], what, key, known);
  };

  const profiles = Object.fromEntries(Object.entries(mapping(fleet.value.profiles)).map(([name, p]) => [name, { extends: strings(mapping(p).extends) }]));
  const profileNames = Object.keys(profiles);
  for (const [name, profile] of Object.entries(profiles)) {
    profile.extends.forEach((parent, i) => unknown(fleet, ['profiles', name, 'extends', i], 'profile', parent, profileNames));
  }
  for (const cycle of findProfileCycles(profiles)) {
    const path = ['profiles', cycle.closedBy.profile, 'extends', cycle.closedBy.index];
    diagnostics.push(
      error('FF117', `profiles extend each other in a cycle: ${cycle.names.map((n) => `\`${n}\``).join(' → ')}`, {
        position: fleet.source.positionOf(path),
        path: `/${path.join('/')}`,
        hint: `remove \`${cycle.names[cycle.names.length - 1]}\` from the extends of \`${cycle.closedBy.profile}\`, or another link of the cycle`,
      }),
    );
  }

  for (const [name, cluster] of inputs.clusters) {
    checkName(diagnostics, cluster.file, 'cluster', name);
    unknown(cluster, ['environment'], 'environment', cluster.value.environment, environments);
    unknown(cluster, ['region'], 'region', cluster.value.region, regions);
  }

  for (const [name, app] of inputs.apps) {
    checkName(diagnostics, app.file, 'app', name);
    strings(app.value.profiles).forEach((profile, i) => unknown(app, ['profiles', i], 'profile', profile, profileNames));
    const targets = mapping(app.value.targets);
    const overrides = mapping(app.value.overrides);
    const lists = [
      ['environments', 'environment', environments],
      ['regions', 'region', regions],
      ['clusters', 'cluster', clusters],
      ['excludeClusters', 'cluster', clusters],
    ] as const;
    const reported = diagnostics.length;
    for (const [key, what, known] of lists) {
      strings(targets[key]).forEach((name, i) => unknown(app, ['targets', key, i], what, name, [...known]));
    }
    const targetsKnown = diagnostics.length === reported;
    checkDerivedNames(diagnostics, app, name);
    // With no cluster loaded (none yet, or each failed to parse) every app would warn; that helps nobody.
    // An unknown name in the targets is already an error; the warning would only repeat it.
    if (targetsKnown && inputs.clusters.size > 0 && !targetsAnyCluster(targets, inputs)) {
      diagnostics.push({
        ...error('FF118', `app \`${name}\` runs on no cluster: its targets select none`, {
          position: app.source.positionOf(['targets']),
          path: '/targets',
          hint: 'only its base is rendered; widen `targets`, add a matching cluster, or remove the app',
        }),
        severity: 'warning',
      });
    }
    unknownKeys(app, ['overrides', 'environments'], mapping(overrides.environments), 'environment', environments);
    unknownKeys(app, ['overrides', 'regions'], mapping(overrides.regions), 'region', regions);
    unknownKeys(app, ['overrides', 'clusters'], mapping(overrides.clusters), 'cluster', clusters);

    const ids = new Map<string, string>();
    for (const resource of app.resources) {
      const { kind, metadata } = resource.object;
      const id = `${kind}/${metadata.namespace ?? ''}/${metadata.name}`;
      const first = ids.get(id);
      if (first !== undefined) {
        diagnostics.push(
          error('FF116', `${kind} \`${metadata.name}\` is defined twice in the app's raw resources`, {
            position: resource.source.positionOf(['metadata', 'name']),
            path: '/metadata/name',
            hint: `the first one is in ${first}`,
          }),
        );
      }
      ids.set(id, resource.file);
    }
  }
  diagnostics.push(...checkAddons(inputs));
  diagnostics.push(...checkHub(inputs));
  return diagnostics;
}

/**
 * Whether the app's targets select any cluster: the rule of selectClusters in @fleetform/resolve,
 * read defensively because the app may have failed its schema.
 */
function targetsAnyCluster(targets: Record<string, unknown>, inputs: FleetInputs): boolean {
  const excluded = strings(targets.excludeClusters);
  const named = Array.isArray(targets.clusters) ? strings(targets.clusters) : undefined;
  const environments = Array.isArray(targets.environments) ? strings(targets.environments) : undefined;
  const regions = Array.isArray(targets.regions) ? strings(targets.regions) : undefined;
  return [...inputs.clusters.values()].some((cluster) => {
    if (excluded.includes(cluster.name)) return false;
    if (named) return named.includes(cluster.name);
    const { environment, region } = mapping(cluster.value);
    return (!environments || environments.includes(environment as string)) && (!regions || regions.includes(region as string));
  });
}

/**
 * Workloads and Services without a `name` are named `<app>-<key>`; the schema checks the key alone,
 * so a long app name and a long key together can exceed the 63 characters Kubernetes allows.
 */
function checkDerivedNames(diagnostics: Diagnostic[], app: ValueFile<unknown>, appName: string): void {
  const tooLong = (path: PathSegment[], what: string, derived: string): void => {
    if (derived.length <= 63) return;
    diagnostics.push(
      error('FF111', `${what} name \`${derived.slice(0, 40)}…\` is ${derived.length} characters long`, {
        position: app.source.positionOf(path, { key: true }),
        path: `/${path.join('/')}`,
        expected: 'at most 63 characters: the app name, `-` and this key',
        hint: 'shorten the key, or set `name` to a shorter one',
      }),
    );
  };
  for (const [key, workload] of Object.entries(mapping(mapping(app.value).workloads))) {
    if (typeof mapping(workload).name !== 'string') tooLong(['workloads', key], 'workload', `${appName}-${key}`);
    for (const [service, spec] of Object.entries(mapping(mapping(workload).services))) {
      if (typeof mapping(spec).name !== 'string') tooLong(['workloads', key, 'services', service], 'Service', `${appName}-${service}`);
    }
  }
}

function checkName(diagnostics: Diagnostic[], file: string, what: string, name: string): void {
  if (DNS_1123_LABEL.test(name) && name.length <= 63) return;
  diagnostics.push(
    error('FF111', `${what} name \`${name}\` is not a DNS-1123 label`, {
      position: { file, line: 1, col: 1 },
      expected: 'at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit',
      found: `\`${name}\``,
      hint: `rename the folder to \`${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')}\``,
    }),
  );
}
