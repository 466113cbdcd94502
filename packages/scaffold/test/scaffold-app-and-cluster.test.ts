import { describe, expect, it } from 'vitest';
import { validateValueFile } from '@fleetform/values';
import { parseYamlStream } from '@fleetform/yaml';
import { loadTemplates, parseImage, scaffoldApp, scaffoldCluster, type ImageValues } from '../src/index.js';

const facts = { environments: ['dev', 'staging', 'prod'], regions: ['us-east-1'] };

function schemaProblems(kind: 'app' | 'cluster', path: string, content: string) {
  const { documents, diagnostics } = parseYamlStream(content, path);
  return [...diagnostics, ...validateValueFile(kind, documents[0]!)];
}

describe('scaffoldApp', () => {
  it('GIVEN a name, a team and an image in its own registry THEN a commented app.yaml that validates', async () => {
    const image = parseImage('ghcr.io/acme/billing:1.27') as ImageValues;
    const file = scaffoldApp(await loadTemplates(), facts, { name: 'billing', team: 'payments', image });
    expect(file.path).toBe('apps/billing/app.yaml');
    expect(schemaProblems('app', file.path, file.content)).toEqual([]);
    await expect(file.content).toMatchFileSnapshot('__snapshots__/app.yaml');
  });

  it('GIVEN a tag YAML would read as a number THEN it is quoted, so it stays a string', async () => {
    const file = scaffoldApp(await loadTemplates(), facts, { name: 'web', team: 'web', image: { repository: 'web', tag: '1.27' } });
    expect(file.content).toContain('  repository: web\n  tag: "1.27"\n');
    expect(file.content).not.toContain('registry:');
  });

  it('GIVEN a fleet with one environment THEN the override example stays a comment', async () => {
    const file = scaffoldApp(await loadTemplates(), { environments: ['prod'], regions: [] }, { name: 'web', team: 'web', image: { repository: 'web', tag: 'v1' } });
    expect(file.content).toContain('# overrides:\n');
    expect(file.content).not.toMatch(/^overrides:/m);
  });
});

describe('scaffoldCluster', () => {
  it('GIVEN a name, an environment and a region THEN a commented cluster.yaml that validates', async () => {
    const file = scaffoldCluster(await loadTemplates(), facts, { name: 'us-east-1-prod', environment: 'prod', region: 'us-east-1' });
    expect(file.path).toBe('clusters/us-east-1-prod/cluster.yaml');
    expect(schemaProblems('cluster', file.path, file.content)).toEqual([]);
    await expect(file.content).toMatchFileSnapshot('__snapshots__/cluster.yaml');
  });
});
