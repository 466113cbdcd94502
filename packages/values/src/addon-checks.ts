import { CATALOGUE_KEYS } from '@fleetform/addons';
import { closest, didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import type { PathSegment } from '@fleetform/yaml';
import type { FleetInputs, ValueFile } from './types.js';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const mapping = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const listed = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');

/**
 * The add-on checks that need more than one file: catalogue keys, the names overrides and targets
 * use, cluster.yaml naming an add-on fleet.yaml declares, and names that become Applications.
 * Like the other cross-checks it reads defensively, since the files may have failed their schema.
 */
export function checkAddons(inputs: FleetInputs): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { fleet } = inputs;
  const environments = strings((Array.isArray(fleet.value.environments) ? fleet.value.environments : []).map((e) => mapping(e).name));
  const regions = Object.keys(mapping(fleet.value.regions));
  const clusters = [...inputs.clusters.keys()];
  const addons = mapping(mapping(fleet.value).addons);
  const names = Object.keys(addons);

  const report = (file: ValueFile<unknown>, path: PathSegment[], code: string, message: string, details: Pick<Diagnostic, 'expected' | 'found' | 'hint'>) =>
    diagnostics.push(error(code, message, { position: file.source.positionOf(path), path: `/${path.join('/')}`, ...details }));
  const unknown = (path: PathSegment[], what: string, name: string, known: readonly string[]) => {
    if (known.includes(name)) return;
    report(fleet, path, 'FF112', `unknown ${what} \`${name}\``, {
      expected: known.length > 0 ? `one of ${listed(known)}` : `a ${what} declared first`,
      found: `\`${name}\``,
      hint: didYouMean(name, known) ?? 'declare it first or fix the name',
    });
  };

  for (const name of names) {
    const addon = mapping(addons[name]);
    const at = ['addons', name];
    if (!DNS_1123_LABEL.test(name) || name.length > 53) {
      // 53, not 63: the add-on's raw objects go in an Application named `NAME-resources`.
      report(fleet, at, 'FF130', `add-on name \`${name}\` is not a DNS-1123 label`, {
        expected: 'at most 53 lower-case letters, digits and `-`, starting and ending with a letter or digit (it names an Argo CD Application)',
        found: `\`${name}\``,
        hint: `rename it \`${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')}\``,
      });
    }
    const catalogue = addon.catalogue;
    if (typeof catalogue === 'string' && !(CATALOGUE_KEYS as readonly string[]).includes(catalogue)) {
      report(fleet, [...at, 'catalogue'], 'FF131', `unknown catalogue add-on \`${catalogue}\``, {
        expected: `one of ${listed(CATALOGUE_KEYS)}`,
        found: `\`${catalogue}\``,
        hint: didYouMean(catalogue, CATALOGUE_KEYS) ?? 'leave `catalogue` out and give `chart` (repoURL, chart, version) and `provides` instead',
      });
    }
    if (catalogue === undefined) {
      const chart = mapping(addon.chart);
      const missing = ['repoURL', 'chart', 'version'].filter((key) => typeof chart[key] !== 'string');
      if (missing.length > 0) {
        report(fleet, addon.chart === undefined ? at : [...at, 'chart'], 'FF132', `add-on \`${name}\` has no catalogue entry and its chart lacks ${listed(missing)}`, {
          expected: '`catalogue`, or `chart` with `repoURL`, `chart` and `version`',
          hint: closest(name, CATALOGUE_KEYS) ? `set \`catalogue: ${closest(name, CATALOGUE_KEYS)}\`` : 'give the chart in full, pinned to an exact version',
        });
      }
    }
    const overrides = mapping(addon.overrides);
    const targets = mapping(addon.targets);
    const kinds = [['environments', 'environment', environments], ['regions', 'region', regions], ['clusters', 'cluster', clusters]] as const;
    for (const [key, what, known] of kinds) {
      for (const override of Object.keys(mapping(overrides[key]))) unknown([...at, 'overrides', key, override], what, override, known);
    }
    for (const [key, what, known] of kinds) strings(targets[key]).forEach((target, i) => unknown([...at, 'targets', key, i], what, target, known));
    if (inputs.apps.has(name) || inputs.apps.has(`${name}-resources`)) {
      report(fleet, at, 'FF134', `add-on \`${name}\` and app \`${inputs.apps.has(name) ? name : `${name}-resources`}\` would both be Argo CD Applications of that name`, {
        hint: 'rename the add-on',
      });
    }
  }

  for (const [cluster, file] of inputs.clusters) {
    for (const name of Object.keys(mapping(mapping(file.value).addons))) {
      if (names.includes(name)) continue;
      report(file, ['addons', name], 'FF133', `cluster ${cluster} sets add-on \`${name}\`, which clusters/fleet.yaml does not declare`, {
        expected: names.length > 0 ? `one of ${listed(names)}` : 'an add-on declared in clusters/fleet.yaml `addons`',
        found: `\`${name}\``,
        hint: didYouMean(name, names) ?? 'declare it in clusters/fleet.yaml `addons` first',
      });
    }
  }
  return diagnostics;
}
