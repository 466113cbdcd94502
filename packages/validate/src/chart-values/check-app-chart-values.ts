import { error, type Diagnostic } from '@fleetform/diagnostics';
import { chartRelease } from '@fleetform/layout';
import { resolveInstances, type AppInstance } from '@fleetform/resolve';
import type { FleetInputs, Values } from '@fleetform/values';
import type { SourceDocument } from '@fleetform/yaml';
import { chartDir, type ChartSchemas } from './chart-schemas.js';
import { chartValueProblems, type HelmValueLayer } from './value-problems.js';

/**
 * Checks the Helm values of every app from a chart, as each cluster's Application carries them (the
 * image filled in), against the chart's vendored values.schema.json. A problem points into the file
 * of the layer that set the value: app.yaml, one of its overrides, a profile in fleet.yaml, a cluster.yaml.
 */
export function checkAppChartValues(inputs: FleetInputs, schemas: ChartSchemas): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceDocument>([
    [inputs.fleet.file, inputs.fleet.source],
    ...[...inputs.clusters.values()].map((c) => [c.file, c.source] as const),
    ...[...inputs.apps.values()].map((a) => [a.file, a.source] as const),
  ]);
  const fleetSetsChart = fleetLayerValues(inputs).some((values) => values?.chart !== undefined);
  for (const [name, app] of inputs.apps) {
    const overrides = Object.values(app.value.overrides ?? {}).flatMap((byName) => Object.values(byName ?? {}));
    if (!fleetSetsChart && app.value.chart === undefined && !overrides.some((values) => values?.chart !== undefined)) continue;
    for (const instance of resolveInstances(inputs, name)) {
      const release = chartRelease(instance.app, instance.values, instance.registry);
      if (!release) continue;
      const schema = schemas.get(release.chart, release.version);
      if (!schema) {
        const vendored = schemas.versionsOf(release.chart);
        if (vendored.length > 0) diagnostics.push(unchecked(app.file, app.source, name, release.chart, release.version, vendored));
        continue;
      }
      diagnostics.push(
        ...chartValueProblems(schema, release.values, layersOf(instance, sources), {
          code: 'FF314',
          name: `app ${name}`,
          fallback: {
            position: app.source.positionOf(['image']),
            path: '/image',
            note: "the value is the app's image, which fleetform puts at `chart.imageValues`",
            hint: 'check `chart.imageValues`: each path must be where the chart takes that part of the image',
          },
        }),
      );
    }
  }
  return diagnostics;
}

/** The values of every layer outside app.yaml: defaults, profiles, environments, regions, clusters. */
function fleetLayerValues(inputs: FleetInputs): (Values | undefined)[] {
  const fleet = inputs.fleet.value;
  return [
    fleet.defaults,
    ...Object.values(fleet.profiles ?? {}).map((p) => p.values),
    ...fleet.environments.map((e) => e.values),
    ...Object.values(fleet.regions).map((r) => r.values),
    ...[...inputs.clusters.values()].map((c) => c.value.values),
  ];
}

function layersOf(instance: AppInstance, sources: ReadonlyMap<string, SourceDocument>): HelmValueLayer[] {
  return instance.layers.map((layer) => {
    const at = [...layer.path, 'chart', 'values'];
    const source = sources.get(layer.file);
    return {
      values: layer.values?.chart?.values,
      positionOf: (path, key) => source?.positionOf([...at, ...path], { key }) ?? { file: layer.file, line: 1, col: 1 },
      jsonPath: (path) => `/${[...at, ...path].join('/')}`,
    };
  });
}

function unchecked(file: string, source: SourceDocument, app: string, chart: string, version: string, vendored: readonly string[]): Diagnostic {
  return {
    ...error('FF313', `app ${app} uses chart ${chart} ${version}, but the fleet vendors values.schema.json only for ${vendored.join(', ')}: its values are not checked`, {
      position: source.positionOf(['chart', 'version']),
      hint: `vendor ${chartDir(chart, version)}/values.schema.json from the chart package, and remove the versions nothing uses`,
    }),
    severity: 'warning',
  };
}
