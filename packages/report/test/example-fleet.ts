import { join } from 'node:path';
import { renderFleet } from '@fleetform/render';
import { mergeValues } from '@fleetform/resolve';
import { readInputs, type InputFiles } from '@fleetform/values';
import { collectReport, type FleetReport, type ReportValidation } from '../src/index.js';

export const repoRoot = join(import.meta.dirname, '../../..');

export const VALID: ReportValidation = { passed: true, resources: 62, valid: 62, invalid: 0, errors: 0, skipped: 0, problems: [], waived: [] };

/**
 * The example fleet's inputs, copied into memory, with `app`'s prod tag bumped by an override in its
 * app.yaml: prod then runs a tag staging does not, a promotion the report must point out. The
 * edited file is written as JSON, which YAML reads as it is.
 */
export async function exampleFleetWithProdBump(app: string, tag: string): Promise<InputFiles> {
  const files = new Map(await readInputs(repoRoot));
  const path = `apps/${app}/app.yaml`;
  const loaded = renderFleet(files).inputs!.apps.get(app)!.value;
  files.set(path, JSON.stringify(mergeValues(loaded, { overrides: { environments: { prod: { image: { tag } } } } })));
  return files;
}

export function reportOf(files: InputFiles, validation: ReportValidation = VALID): FleetReport {
  const rendered = renderFleet(files);
  if (!rendered.inputs || !rendered.layout) throw new Error(`the example fleet does not render: ${rendered.diagnostics.map((d) => d.message).join('; ')}`);
  return collectReport(rendered.inputs, rendered.layout, validation);
}
