import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '@fleetform/values';
import { loadTemplates, scaffoldFleet } from '../src/index.js';

const repoRoot = join(import.meta.dirname, '../../..');
const options = { name: 'acme-fleet', repoURL: 'https://github.com/acme/acme-fleet.git', region: 'eu-west-1', registry: 'registry.acme.example', fleetformVersion: '^0.1.0' };

describe('scaffoldFleet', () => {
  it('GIVEN a name and a region THEN a whole repository: package, README, workflow, fleet, one cluster, one app, schemas', async () => {
    const files = scaffoldFleet(await loadTemplates(), options);
    expect(files.map((f) => f.path)).toMatchInlineSnapshot(`
      [
        ".github/workflows/fleetform-pr.yml",
        ".gitignore",
        "README.md",
        "apps/hello/app.yaml",
        "clusters/eu-west-1-staging/cluster.yaml",
        "clusters/fleet.yaml",
        "package.json",
        "schemas/app.schema.json",
        "schemas/cluster.schema.json",
        "schemas/fleet.schema.json",
      ]
    `);
  });

  it('GIVEN the new value files THEN they load and validate as they are, with no error and no warning', async () => {
    const files = scaffoldFleet(await loadTemplates(), options);
    const { inputs, diagnostics } = loadFleet(new Map(files.map((f) => [f.path, f.content])));
    expect(diagnostics).toEqual([]);
    expect([...inputs!.clusters.keys()]).toEqual(['eu-west-1-staging']);
    expect(inputs!.fleet.value.regions).toEqual({ 'eu-west-1': { registry: 'registry.acme.example' } });
    expect(inputs!.fleet.value.git.repoURL).toBe(options.repoURL);
  });

  it('GIVEN the package THEN it depends on fleetform and names the fleet', async () => {
    const files = scaffoldFleet(await loadTemplates(), { ...options, name: 'Acme Fleet!' });
    const manifest = JSON.parse(files.find((f) => f.path === 'package.json')!.content);
    expect(manifest).toMatchObject({ name: 'acme-fleet', private: true, dependencies: { fleetform: '^0.1.0' } });
  });

  it('GIVEN the workflow and the schemas THEN they are, byte for byte, the ones this repository uses', async () => {
    const files = new Map(scaffoldFleet(await loadTemplates(), options).map((f) => [f.path, f.content]));
    for (const path of ['.github/workflows/fleetform-pr.yml', 'schemas/app.schema.json', 'schemas/cluster.schema.json', 'schemas/fleet.schema.json']) {
      expect(files.get(path), path).toBe(await readFile(join(repoRoot, path), 'utf8'));
    }
  });

  it('GIVEN every value file THEN it starts with the schema modeline, relative to where it lives', async () => {
    const files = scaffoldFleet(await loadTemplates(), options);
    const firstLines = files.filter((f) => f.path.endsWith('.yaml')).map((f) => [f.path, f.content.split('\n')[0]]);
    expect(firstLines).toEqual([
      ['apps/hello/app.yaml', '# yaml-language-server: $schema=../../schemas/app.schema.json'],
      ['clusters/eu-west-1-staging/cluster.yaml', '# yaml-language-server: $schema=../../schemas/cluster.schema.json'],
      ['clusters/fleet.yaml', '# yaml-language-server: $schema=../schemas/fleet.schema.json'],
    ]);
  });

  it('GIVEN the fleet file THEN it reads like the example fleet', async () => {
    const fleet = scaffoldFleet(await loadTemplates(), options).find((f) => f.path === 'clusters/fleet.yaml')!;
    await expect(fleet.content).toMatchFileSnapshot('__snapshots__/fleet.yaml');
  });
});
