import { error, type Diagnostic } from '@fleetform/diagnostics';
import { resolveInstances, type AppInstance } from '@fleetform/resolve';
import { loadFleet, type FleetInputs, type InputFiles } from '@fleetform/values';
import { editValueFile, type ValueEdit } from './edit-value-file.js';
import type { AppBump, BumpOptions, BumpRequest, ClusterChange, Outcome, UnchangedCluster } from './plan-bump.js';
import { describeScope, imagePath, inScope } from './scope.js';
import { isDowngrade, isExactVersion } from './versions.js';

const versionOf = (request: BumpRequest): string => (request.ref.kind === 'tag' ? request.ref.tag : request.ref.digest);

/** Where a scope's chart version lives in app.yaml: beside where its image would, `chart.version` for the app. */
const chartVersionPath = (request: BumpRequest): string[] => [...imagePath(request.scope).slice(0, -1), 'chart', 'version'];

/** A chart app's request must name an exact version. */
export function checkChartRequest(request: BumpRequest): Diagnostic[] {
  const version = versionOf(request);
  if (isExactVersion(version)) return [];
  return [
    error('FF518', `\`${version}\` is not an exact chart version`, {
      expected: 'a semantic version such as `6.7.1` or `v6.7.1` (Helm requires chart versions to be SemVer 2)',
      found: `\`${version}\``,
    }),
  ];
}

/**
 * Plans a chart app's chart version bump, like an image bump: app.yaml's `chart.version`, or the
 * override of the scope (`overrides.environments.prod.chart.version`), and what every cluster in
 * scope runs before and after. A cluster whose version a higher layer pins keeps it.
 */
export function planChartBump(inputs: FleetInputs, files: InputFiles, request: BumpRequest, options: BumpOptions): Outcome {
  const { app, scope } = request;
  const version = versionOf(request);
  const file = inputs.apps.get(app)!.file;
  const before = resolveInstances(inputs, app).filter((i) => inScope(scope, i) && i.values.chart?.version !== undefined);
  if (before.length === 0) {
    return {
      diagnostics: [
        error('FF516', `${app} runs from a chart on no cluster in ${describeScope(scope)}`, {
          position: inputs.apps.get(app)!.source.positionOf(['chart']),
          path: '/chart',
          hint: 'give the app a `chart` (repoURL, chart, version) first; --chart bumps the version of an app from a Helm chart',
        }),
      ],
    };
  }
  const edits: ValueEdit[] = [{ path: chartVersionPath(request), value: version }];
  const result = editValueFile(file, files.get(file)!, edits);
  if ('diagnostic' in result) return { diagnostics: [result.diagnostic] };
  const patched = new Map(files).set(file, result.text);
  const loaded = loadFleet(patched, options.parseYaml);
  if (!loaded.inputs) return { diagnostics: [...loaded.diagnostics] };

  const after = new Map(resolveInstances(loaded.inputs, app).map((i) => [i.cluster, i]));
  const ref = (v: string | undefined) => (v === undefined ? undefined : ({ kind: 'tag', tag: v } as const));
  const changes: ClusterChange[] = [];
  const unchanged: UnchangedCluster[] = [];
  for (const was of before) {
    const will = after.get(was.cluster)!;
    const [from, to] = [was.values.chart?.version, will.values.chart?.version];
    if (from !== to) changes.push({ cluster: was.cluster, environment: was.environment, region: was.region, before: ref(from), after: ref(to) });
    else if (from === version) unchanged.push({ cluster: was.cluster, ref: ref(from) });
    else unchanged.push({ cluster: was.cluster, ref: ref(from), pinnedBy: whereVersionIsSet(will)?.name });
  }
  const bump: AppBump = { request, file, edits, changes, unchanged };
  const diagnostics: Diagnostic[] = [];
  const lower = changes.filter((c) => c.before?.kind === 'tag' && isDowngrade(c.before.tag, version));
  if (lower.length > 0 && !options.allowDowngrade) {
    const current = [...new Set(lower.map((c) => (c.before?.kind === 'tag' ? c.before.tag : '')))].join(', ');
    diagnostics.push(
      error('FF517', `chart ${version} of ${app} is lower than ${current}, which ${lower.map((c) => c.cluster).join(', ')} ${lower.length === 1 ? 'runs' : 'run'}`, {
        position: inputs.apps.get(app)!.source.positionOf(['chart', 'version']),
        expected: `a version not lower than ${current}`,
        found: version,
        hint: 'pass --allow-downgrade to roll back on purpose',
      }),
    );
  }
  if (changes.length === 0 && unchanged.some((u) => u.pinnedBy)) {
    const pinned = unchanged.filter((u) => u.pinnedBy);
    diagnostics.push(
      error('FF516', `the bump changes no cluster: ${pinned.map((u) => `${u.cluster} takes its chart version from ${u.pinnedBy}`).join('; ')}`, {
        position: inputs.apps.get(app)!.source.positionOf(['chart', 'version']),
        hint: `bump that layer instead (for one cluster: --cluster ${pinned[0]!.cluster}), or remove the pin`,
      }),
    );
  }
  return { bump, files: patched, inputs: loaded.inputs, diagnostics };
}

function whereVersionIsSet(instance: AppInstance) {
  return [...instance.layers].reverse().find((l) => l.values?.chart?.version !== undefined);
}
