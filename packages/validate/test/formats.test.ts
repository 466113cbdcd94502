import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '@fleetform/validate';
import { validateFixtures } from './validate-manifests.js';

const report = () => validateFixtures(['list.yaml', 'unknown-kind.yaml', 'syntax-error.yaml', 'int-or-string.yaml']);

describe('output formats', () => {
  it('text: one line per problem, then the summary', async () => {
    expect(FORMATS.text(await report())).toMatchInlineSnapshot(`
      "syntax-error.yaml:6:1: error FF001: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]
      list.yaml:15:17: error FF310 Deployment/bad at /spec/replicas: got string, want integer (expected integer, found string "three")
      unknown-kind.yaml:2:7: error FF302 Widget/w at /kind: could not find schema for Widget (example.com/v1)
        hint: point --schema-dir at a folder holding its CRD, add the CRD to schemas/crds/, or pass --ignore-missing-schemas
      Summary: 4 resources found in 4 files - Valid: 2, Invalid: 1, Errors: 2, Skipped: 0
      "
    `);
  });

  it('json: every resource with its status and problems, and the summary', async () => {
    const output = JSON.parse(FORMATS.json(await report()));
    expect(output.summary).toEqual({ resources: 4, valid: 2, invalid: 1, errors: 2, skipped: 0 });
    expect(output.resources[1]).toMatchObject({ filename: 'list.yaml', kind: 'Deployment', name: 'bad', status: 'invalid', errors: [{ path: '/spec/replicas', line: 15, column: 17 }] });
  });

  it('junit: well-formed XML with a test suite per file and a failure per invalid resource', async () => {
    const xml = FORMATS.junit(await report());
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(parsed.testsuites['@_tests']).toBe('5');
    const suites = parsed.testsuites.testsuite.map((s: Record<string, string>) => [s['@_name'], s['@_tests'], s['@_failures'], s['@_errors']]);
    expect(suites).toEqual([
      ['list.yaml', '2', '1', '0'],
      ['unknown-kind.yaml', '1', '0', '1'],
      ['int-or-string.yaml', '1', '0', '0'],
      ['syntax-error.yaml', '1', '0', '1'],
    ]);
  });

  it('github: workflow commands in the documented form, with data and properties escaped', async () => {
    const lines = FORMATS.github(await report()).trimEnd().split('\n');
    const command = /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^:]+::[^\r\n]+$/;
    expect(lines.slice(0, -1).every((l) => command.test(l))).toBe(true);
    expect(lines[0]).toMatch(/^::error file=syntax-error.yaml,line=6,col=1,title=fleetform FF001::YAML syntax error/);
    expect(lines.at(-1)).toBe('fleetform validate: 4 resources - Valid: 2, Invalid: 1, Errors: 2, Skipped: 0');
  });
});
