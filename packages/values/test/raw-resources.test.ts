import type { Diagnostic } from '@fleetform/diagnostics';
import { describe, expect, it } from 'vitest';
import { parseRawResources } from '../src/raw-resources.js';

const parse = (kind: string, name: string) => {
  const diagnostics: Diagnostic[] = [];
  const resources = parseRawResources('apps/web/resources/x.yaml', `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${JSON.stringify(name)}\n`, diagnostics);
  return { resources, diagnostics };
};

describe('parseRawResources', () => {
  it.each(['web', 'dbupgrades.dbupgrade.example.io', 'system:aggregate-to-admin', 'a'.repeat(240)])('accepts the name %s', (name) => {
    expect(parse('ConfigMap', name).diagnostics).toEqual([]);
  });

  it.each(['../../../x', '/etc/passwd', './a', 'a/b', '.', '..', 'a..b', 'Web', '', 'a'.repeat(241)])('refuses the name %j, which would name a file outside its folder or none', (name) => {
    const { resources, diagnostics } = parse('ConfigMap', name);
    expect(resources).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'FF105', message: 'invalid name for a raw resource', path: '/metadata/name', position: { line: 4, col: 9 } }]);
  });

  it('refuses a kind that is not a Kubernetes kind, since it names the file too', () => {
    expect(parse('../../Map', 'x').diagnostics).toMatchObject([{ code: 'FF105', message: 'invalid kind for a raw resource', path: '/kind' }]);
  });
});
