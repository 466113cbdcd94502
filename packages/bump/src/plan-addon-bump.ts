import { addonsForCluster } from '@fleetform/addons';
import { didYouMean, error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';
import { loadFleet, type ClusterFile, type FleetInputs, type InputFiles } from '@fleetform/values';
import { editValueFile, type ValueEdit } from './edit-value-file.js';
import type { AppBump, BumpOptions, BumpRequest, ClusterChange, Outcome, UnchangedCluster } from './plan-bump.js';
import { describeScope, inScope } from './scope.js';
import { isDowngrade, isExactVersion } from './versions.js';

/** The chart version an add-on runs on one cluster. */
interface AddonOnCluster {
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  readonly version: string;
}

const versionOf = (request: BumpRequest): string => (request.ref.kind === 'tag' ? request.ref.tag : request.ref.digest);

/**
 * Where a scope's chart version lives. Add-ons have per-environment and per-region values but one
 * chart per cluster, so a version is pinned fleet-wide (fleet.yaml `addons.NAME.chart.version`) or
 * for one cluster (cluster.yaml `addons.NAME.version`), nowhere in between.
 */
function versionPath(inputs: FleetInputs, request: BumpRequest): { file: string; path: string[] } | undefined {
  const { app: name, scope } = request;
  if (scope.kind === 'app') return { file: inputs.fleet.file, path: ['addons', name, 'chart', 'version'] };
  if (scope.kind === 'cluster') return { file: inputs.clusters.get(scope.name)!.file, path: ['addons', name, 'version'] };
  return undefined;
}

/** What an add-on request must get right before anything is planned: the add-on, the scope and the version. */
export function checkAddonRequest(inputs: FleetInputs, request: BumpRequest): Diagnostic[] {
  const { app: name, scope } = request;
  const version = versionOf(request);
  const names = Object.keys(inputs.fleet.value.addons ?? {});
  const diagnostics: Diagnostic[] = [];
  if (!names.includes(name)) {
    diagnostics.push(
      error('FF515', `unknown add-on \`${name}\``, {
        position: inputs.fleet.source.positionOf(['addons']),
        expected: names.length > 0 ? `one of ${names.map((n) => `\`${n}\``).join(', ')}` : 'an add-on declared in clusters/fleet.yaml `addons`',
        found: `\`${name}\``,
        hint: didYouMean(name, names) ?? 'declare it in clusters/fleet.yaml `addons` first (a catalogue entry or your own chart)',
      }),
    );
  }
  if (scope.kind === 'environment' || scope.kind === 'region') {
    diagnostics.push(
      error('FF514', `an add-on's chart version cannot be set per ${scope.kind}`, {
        expected: 'no scope (clusters/fleet.yaml `addons.NAME.chart.version`) or --cluster (cluster.yaml `addons.NAME.version`)',
        found: `--${scope.kind === 'environment' ? 'env' : 'region'} ${scope.name}`,
        hint: `bump every cluster, or each cluster of ${scope.kind} ${scope.name} with --cluster`,
      }),
    );
  }
  if (!isExactVersion(version)) {
    diagnostics.push(
      error('FF518', `\`${version}\` is not an exact chart version`, {
        expected: 'a semantic version such as `1.16.3` or `v1.16.3` (Helm requires chart versions to be SemVer 2)',
        found: `\`${version}\``,
        hint: /[~^*xX<>=|]/.test(version) ? 'pin one version: a range would let each cluster resolve it differently at sync time' : undefined,
      }),
    );
  }
  return diagnostics;
}

/**
 * Plans one add-on's chart version bump: edits the version where the scope keeps it (a catalogue
 * default becomes an explicit pin in fleet.yaml), then says what every cluster in scope that has the
 * add-on runs before and after. A cluster whose cluster.yaml pins its own version keeps it.
 */
export function planAddonBump(inputs: FleetInputs, files: InputFiles, request: BumpRequest, options: BumpOptions): Outcome {
  const { app: name, scope } = request;
  const version = versionOf(request);
  const before = addonOnClusters(inputs, name).filter((c) => inScope(scope, c));
  if (before.length === 0) {
    return {
      diagnostics: [
        error('FF516', `add-on ${name} is on no cluster in ${describeScope(scope)}`, {
          position: inputs.fleet.source.positionOf(['addons', name]),
          path: `/addons/${name}/targets`,
          hint: 'check its `targets` in clusters/fleet.yaml and `addons.NAME.enabled` in cluster.yaml',
        }),
      ],
    };
  }
  const { file, path } = versionPath(inputs, request)!;
  const edits: ValueEdit[] = [{ path, value: version }];
  const result = editValueFile(file, files.get(file)!, edits);
  if ('diagnostic' in result) return { diagnostics: [result.diagnostic] };
  const patched = new Map(files).set(file, result.text);
  const loaded = loadFleet(patched, options.parseYaml);
  if (!loaded.inputs) return { diagnostics: [...loaded.diagnostics] };

  const after = new Map(addonOnClusters(loaded.inputs, name).map((c) => [c.cluster, c]));
  const changes: ClusterChange[] = [];
  const unchanged: UnchangedCluster[] = [];
  for (const was of before) {
    const will = after.get(was.cluster)!;
    const ref = (v: string) => ({ kind: 'tag', tag: v }) as const;
    if (will.version !== was.version) changes.push({ cluster: was.cluster, environment: was.environment, region: was.region, before: ref(was.version), after: ref(will.version) });
    else if (was.version === version) unchanged.push({ cluster: was.cluster, ref: ref(was.version) });
    else unchanged.push({ cluster: was.cluster, ref: ref(was.version), pinnedBy: `cluster ${was.cluster} (${inputs.clusters.get(was.cluster)!.file} \`addons.${name}.version\`)` });
  }
  const bump: AppBump = { request, file, edits, changes, unchanged };
  const diagnostics: Diagnostic[] = [];
  const lower = changes.filter((c) => c.before?.kind === 'tag' && isDowngrade(c.before.tag, version));
  if (lower.length > 0 && !options.allowDowngrade) diagnostics.push(downgrade(inputs, request, lower));
  if (changes.length === 0 && unchanged.some((u) => u.pinnedBy)) diagnostics.push(pinnedEverywhere(inputs, request, unchanged));
  return { bump, files: patched, inputs: loaded.inputs, diagnostics };
}

/** Every cluster that gets the add-on, with the chart version it runs. */
function addonOnClusters(inputs: FleetInputs, name: string): AddonOnCluster[] {
  return [...inputs.clusters.values()].flatMap((file) => {
    const addon = addonsForCluster(inputs.fleet.value.addons, clusterOf(file)).find((a) => a.name === name);
    if (!addon) return [];
    const { environment, region } = file.value;
    return [{ cluster: file.name, environment, region, version: addon.version }];
  });
}

const clusterOf = (file: ClusterFile) => ({ name: file.name, environment: file.value.environment, region: file.value.region, labels: file.value.labels, addons: file.value.addons });

/** Where the version a cluster runs now is written: its cluster.yaml, fleet.yaml's add-on, or (a catalogue default) the add-on's entry. */
function whereVersionIsSet(inputs: FleetInputs, name: string, cluster: string): SourcePosition {
  const file = inputs.clusters.get(cluster)!;
  if (file.value.addons?.[name]?.version !== undefined) return file.source.positionOf(['addons', name, 'version']);
  return inputs.fleet.source.positionOf(inputs.fleet.value.addons?.[name]?.chart?.version !== undefined ? ['addons', name, 'chart', 'version'] : ['addons', name]);
}

function downgrade(inputs: FleetInputs, request: BumpRequest, lower: readonly ClusterChange[]): Diagnostic {
  const version = versionOf(request);
  const current = [...new Set(lower.map((c) => (c.before?.kind === 'tag' ? c.before.tag : '')))].join(', ');
  return error('FF517', `chart ${version} of add-on ${request.app} is lower than ${current}, which ${lower.map((c) => c.cluster).join(', ')} ${lower.length === 1 ? 'runs' : 'run'}`, {
    position: whereVersionIsSet(inputs, request.app, lower[0]!.cluster),
    expected: `a version not lower than ${current}`,
    found: version,
    hint: 'pass --allow-downgrade to roll back on purpose (a chart downgrade may not undo its CRD changes)',
  });
}

function pinnedEverywhere(inputs: FleetInputs, request: BumpRequest, unchanged: readonly UnchangedCluster[]): Diagnostic {
  const pinned = unchanged.filter((u) => u.pinnedBy);
  return error('FF516', `the bump changes no cluster: ${pinned.map((u) => `${u.cluster} pins its own version`).join('; ')}`, {
    position: whereVersionIsSet(inputs, request.app, pinned[0]!.cluster),
    hint: `bump that cluster with --cluster ${pinned[0]!.cluster}, or remove its \`addons.${request.app}.version\``,
  });
}
