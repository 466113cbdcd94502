import type { Diagnostic } from '@fleetform/diagnostics';
import type { FleetInputs } from '@fleetform/values';
import { ChartSchemas } from './chart-schemas.js';
import { checkAddonValues } from './check-addon-values.js';
import { checkAppChartValues } from './check-app-chart-values.js';

/**
 * The Helm values of add-ons and of apps from charts, against the values.schema.json files the fleet
 * vendors (charts/CHART/VERSION/). A value set once fails alike on every cluster it reaches; it is said once.
 */
export function checkChartValues(inputs: FleetInputs, files: ReadonlyMap<string, string>): Diagnostic[] {
  const schemas = new ChartSchemas(files);
  const found = [...checkAddonValues(inputs, schemas), ...checkAppChartValues(inputs, schemas)];
  const seen = new Set<string>();
  return [...schemas.problems, ...found].filter((d) => {
    const key = `${d.code} ${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
