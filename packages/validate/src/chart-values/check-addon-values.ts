import { addonsForCluster, addonValueLayers, type AddonCluster } from '@fleetform/addons';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import type { ClusterFile, FleetInputs } from '@fleetform/values';
import { chartDir, type ChartSchemas } from './chart-schemas.js';
import { chartValueProblems, type HelmValueLayer } from './value-problems.js';

/**
 * Checks every add-on's Helm values, as each cluster gets them, against the values.schema.json the
 * fleet vendors for its chart version (charts/CHART/VERSION/), the check Helm itself runs when it
 * renders the chart. A problem points into the file of the highest layer that set the value.
 */
export function checkAddonValues(inputs: FleetInputs, schemas: ChartSchemas): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const addons = inputs.fleet.value.addons ?? {};
  for (const file of inputs.clusters.values()) {
    const cluster: AddonCluster = { name: file.name, environment: file.value.environment, region: file.value.region, labels: file.value.labels, addons: file.value.addons };
    for (const addon of addonsForCluster(addons, cluster)) {
      const schema = schemas.get(addon.chart, addon.version);
      if (!schema) {
        const vendored = schemas.versionsOf(addon.chart);
        if (vendored.length > 0) diagnostics.push(unchecked(inputs, addon.name, addon.chart, addon.version, vendored));
        continue;
      }
      const layers = addonValueLayers(addon.name, addons[addon.name]!, cluster).map((layer) => helmLayer(inputs, file, addon.name, layer));
      const at = ['addons', addon.name];
      diagnostics.push(
        ...chartValueProblems(schema, addon.values, layers, {
          code: 'FF311',
          name: `add-on ${addon.name}`,
          fallback: { position: inputs.fleet.source.positionOf(at), path: `/${at.join('/')}`, note: 'no value file sets it', hint: `set it in clusters/fleet.yaml \`addons.${addon.name}.values\`` },
        }),
      );
    }
  }
  return diagnostics;
}

function helmLayer(inputs: FleetInputs, cluster: ClusterFile, addon: string, layer: ReturnType<typeof addonValueLayers>[number]): HelmValueLayer {
  if (layer.file === 'catalogue') {
    const at = ['addons', addon, 'catalogue'];
    return {
      values: layer.values,
      positionOf: () => inputs.fleet.source.positionOf(at),
      jsonPath: () => `/${at.join('/')}`,
      note: { message: "the value is the catalogue's default", hint: `set it in clusters/fleet.yaml \`addons.${addon}.values\`` },
    };
  }
  const source = layer.file === 'cluster' ? cluster.source : inputs.fleet.source;
  return {
    values: layer.values,
    positionOf: (path, key) => source.positionOf([...layer.path, ...path], { key }),
    jsonPath: (path) => `/${[...layer.path, ...path].join('/')}`,
  };
}

/** A fleet that vendors some version of a chart expects its values checked; a bump past it must not silently stop that. */
function unchecked(inputs: FleetInputs, addon: string, chart: string, version: string, vendored: readonly string[]): Diagnostic {
  return {
    ...error('FF313', `add-on ${addon} uses chart ${chart} ${version}, but the fleet vendors values.schema.json only for ${vendored.join(', ')}: its values are not checked`, {
      position: inputs.fleet.source.positionOf(inputs.fleet.value.addons?.[addon]?.chart?.version !== undefined ? ['addons', addon, 'chart', 'version'] : ['addons', addon]),
      hint: `vendor ${chartDir(chart, version)}/values.schema.json from the chart package, and remove the versions no add-on uses`,
    }),
    severity: 'warning',
  };
}
