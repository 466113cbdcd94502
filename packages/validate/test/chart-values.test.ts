import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import { loadFleet, readInputs, type InputFiles } from '@fleetform/values';
import { checkChartValues } from '@fleetform/validate';

const FIXTURE = join(import.meta.dirname, 'fixtures/chart-values');
const SCHEMA = 'charts/keda/2.16.0/values.schema.json';
const fixture: InputFiles = await readInputs(FIXTURE);

function check(files: InputFiles) {
  const { inputs, diagnostics } = loadFleet(files);
  expect(diagnostics).toEqual([]);
  return checkChartValues(inputs!, files).map((d) => formatDiagnostic(d));
}
const withFile = (path: string, text: string | undefined): InputFiles => {
  const files = new Map(fixture);
  if (text === undefined) files.delete(path);
  else files.set(path, text);
  return files;
};

describe('add-on values against a vendored values.schema.json', () => {
  it('GIVEN the fixture fleet THEN it reads the vendored schema as an input', () => {
    expect([...fixture.keys()]).toContain(SCHEMA);
  });

  it('GIVEN bad values in a prod override and in one cluster.yaml THEN each points into the file and line that set it; a required value the chart defaults may hold is not asked for', () => {
    expect(check(fixture)).toEqual([
      [
        "clusters/dev-1/cluster.yaml:8:18: error FF311 at /addons/keda/values/logging/operator/level: add-on keda: `logging.operator.level` must be one of \"debug\", \"info\", \"error\", as charts/keda/2.16.0/values.schema.json requires (found \"verbose\")",
        "  hint: fix it here, or check the chart's values.yaml for what `logging.operator.level` takes",
      ].join('\n'),
      [
        'clusters/fleet.yaml:24:27: error FF311 at /addons/keda/overrides/environments/prod/operator/replicaCount: add-on keda: `operator.replicaCount` must be integer, as charts/keda/2.16.0/values.schema.json requires (found "two")',
        "  hint: fix it here, or check the chart's values.yaml for what `operator.replicaCount` takes",
      ].join('\n'),
    ]);
  });

  it('GIVEN the chart\'s values.yaml vendored too THEN the values are checked merged with its defaults, as Helm does, required properties included', () => {
    const files = withFile('charts/keda/2.16.0/values.yaml', 'operator:\n  replicaCount: 1\nlogging:\n  operator:\n    level: info\n');
    // `operator.name` is required and set nowhere: reported where each cluster's `operator` comes from.
    expect(check(files).map((d) => d.split('\n')[0]!.replace(/^\S+ error FF311 at (\S+):.*$/, '$1'))).toEqual([
      '/addons/keda/values/operator',
      '/addons/keda/values/logging/operator/level',
      '/addons/keda/overrides/environments/prod/operator',
      '/addons/keda/overrides/environments/prod/operator/replicaCount',
    ]);
  });

  it('GIVEN an unknown key where the schema allows none THEN it names the key and where it was set', () => {
    const files = withFile('clusters/prod-1/cluster.yaml', 'environment: prod\nregion: eu-west-1\naddons:\n  keda:\n    values:\n      logging:\n        operatr: {}\n');
    expect(check(files).filter((d) => d.startsWith('clusters/prod-1'))[0]!.split('\n')[0]).toBe(
      'clusters/prod-1/cluster.yaml:7:9: error FF311 at /addons/keda/values/logging/operatr: add-on keda: `logging.operatr` is not a value the chart takes, as charts/keda/2.16.0/values.schema.json requires (found {})',
    );
  });

  it('GIVEN the add-on moved to a version with no vendored schema THEN FF313 warns that its values go unchecked; GIVEN a broken schema THEN FF312', () => {
    const moved = withFile('clusters/fleet.yaml', fixture.get('clusters/fleet.yaml')!.replace('version: 2.16.0', 'version: 2.16.1'));
    expect(check(moved)).toEqual([
      [
        'clusters/fleet.yaml:15:16: warning FF313: add-on keda uses chart keda 2.16.1, but the fleet vendors values.schema.json only for 2.16.0: its values are not checked',
        '  hint: vendor charts/keda/2.16.1/values.schema.json from the chart package, and remove the versions no add-on uses',
      ].join('\n'),
    ]);
    expect(check(withFile(SCHEMA, '{"type": "object",'))[0]).toMatch(/^charts\/keda\/2\.16\.0\/values\.schema\.json:1:1: error FF312: charts\/keda\/2\.16\.0\/values\.schema\.json is not a JSON Schema fleetform can check values with \(expected .*, found invalid JSON: /);
    expect(check(withFile(SCHEMA, undefined))).toEqual([]);
  });
});
