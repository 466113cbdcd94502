import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { clustersFromSecrets, localRepository, type PreviewSources } from '@fleetform/preview';
import { gitRepository, noRepository, preview } from './helpers.js';

/**
 * Each folder in fixtures/ is one example from Argo CD's ApplicationSet documentation:
 * applicationset.yaml, and either expected.yaml (the Applications the page documents) or
 * expected-errors.txt (the problems, one per line, when the example cannot run as written).
 * clusters.yaml holds the cluster secrets it assumes; repo/ the files of the git repository it
 * reads, committed to a scratch repository for the test. Drop in a folder and it becomes a case.
 */
const fixtures = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(fixtures).sort();

async function sourcesFor(folder: string): Promise<PreviewSources> {
  const clusters = join(folder, 'clusters.yaml');
  const repo = join(folder, 'repo');
  return {
    clusters: existsSync(clusters) ? clustersFromSecrets(await readFile(clusters, 'utf8'), 'clusters.yaml') : async () => ({ clusters: [], diagnostics: [] }),
    git: existsSync(repo) ? localRepository(await gitRepository({ copyOf: repo })) : noRepository,
  };
}

const documents = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS());

describe('the examples of Argo CD’s ApplicationSet documentation', () => {
  it.each(cases)('%s: generates what the documentation says', async (name) => {
    const folder = join(fixtures, name);
    const result = await preview(await readFile(join(folder, 'applicationset.yaml'), 'utf8'), await sourcesFor(folder));
    const expectedErrors = join(folder, 'expected-errors.txt');
    if (existsSync(expectedErrors)) {
      const wanted = (await readFile(expectedErrors, 'utf8')).split('\n').filter((line) => line.trim() !== '');
      for (const line of wanted) expect(result.messages.join('\n')).toContain(line);
      expect(result.messages.filter((m) => / error /.test(m))).toHaveLength(wanted.length);
      return;
    }
    expect(result.messages).toEqual([]);
    expect(result.applications).toEqual(documents(await readFile(join(folder, 'expected.yaml'), 'utf8')));
  });
});
