import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import { summarise } from '@fleetform/validate';
import { validateFixtures } from './validate-manifests.js';

/** Each fixture with the verdicts kubeconform -strict gives for it, and the first problem's file:line:col and path. */
const cases: [file: string, statuses: string[], firstProblem?: string][] = [
  ['valid-replication-controller.yaml', ['valid']],
  ['int-or-string.yaml', ['valid']],
  ['quantity.yaml', ['valid']],
  ['null-string.yaml', ['valid']],
  ['generate-name.yaml', ['valid']],
  ['valid.json', ['valid']],
  ['blank.yaml', []],
  ['comment.yaml', []],
  ['list.yaml', ['valid', 'invalid'], 'list.yaml:15:17: error FF310 at /spec/replicas: got string, want integer'],
  ['unknown-field.yaml', ['invalid'], "unknown-field.yaml:17:11: error FF310 at /spec/template/spec/containers/0/imagePullPolice: additional property 'imagePullPolice' is not allowed"],
  ['missing-required.yaml', ['invalid'], "missing-required.yaml:6:3: error FF310 at /spec: missing property 'selector'"],
  ['bad-int-or-string.yaml', ['invalid'], 'bad-int-or-string.yaml:8:19: error FF310 at /spec/ports/0/targetPort: got boolean, want integer or string'],
  ['missing-kind.yaml', ['error'], "missing-kind.yaml:1:1: error FF301 at /kind: missing 'kind' key"],
  ['unknown-kind.yaml', ['error'], 'unknown-kind.yaml:2:7: error FF302 at /kind: could not find schema for Widget (example.com/v1)'],
  ['crd-and-resources.yaml', ['valid', 'valid', 'invalid'], "crd-and-resources.yaml:48:3: error FF310 at /spec/colour: additional property 'colour' is not allowed"],
];

describe('validating manifest streams like kubeconform -strict', () => {
  it.each(cases)('%s', async (file, statuses, firstProblem) => {
    const report = await validateFixtures([file]);
    expect(report.resources.map((r) => r.status)).toEqual(statuses);
    const problems = report.resources.flatMap((r) => r.diagnostics).map((d) => formatDiagnostic(d));
    if (firstProblem) expect(problems[0]).toContain(firstProblem);
    else expect(problems).toEqual([]);
  });

  it('reports an unknown field of a custom resource, since CRD schemas are strict too', async () => {
    const report = await validateFixtures(['crd-and-resources.yaml']);
    expect(report.resources[2]!.diagnostics.map((d) => `${d.position?.line}:${d.position?.col} ${d.path}`)).toEqual(['48:3 /spec/colour', '47:9 /spec/size']);
  });

  it('counts a duplicate key as an error, with its position', async () => {
    const report = await validateFixtures(['duplicate-key.yaml']);
    expect(report.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual(['duplicate-key.yaml:7:3: error FF002: duplicate key (strict mode)']);
    expect(summarise(report).errors).toBe(1);
  });

  it('counts a YAML syntax error as an error, with its position', async () => {
    const report = await validateFixtures(['syntax-error.yaml']);
    expect(report.diagnostics[0]).toMatchObject({ code: 'FF001', position: { file: 'syntax-error.yaml', line: 6 } });
    expect(summarise(report)).toMatchObject({ resources: 0, errors: 1 });
  });

  it('skips a kind with no schema when asked to', async () => {
    const report = await validateFixtures(['unknown-kind.yaml'], { ignoreMissingSchemas: true });
    expect(summarise(report)).toEqual({ resources: 1, valid: 0, invalid: 0, errors: 0, skipped: 1 });
  });

  it('reads a whole folder, where a CRD in one file gives the schema for custom resources in another', async () => {
    const report = await validateFixtures(['.']);
    expect(report.files).toBe(17);
    expect(summarise(report)).toEqual({ resources: 16, valid: 10, invalid: 5, errors: 3, skipped: 0 });
    expect(report.resources.find((r) => r.file === 'unknown-kind.yaml')?.status).toBe('valid');
  });
});
