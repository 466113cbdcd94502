import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

describe('switching the example fleet to applicationsets delivery', () => {
  it('GIVEN argocd.delivery: applicationsets THEN it re-renders cleanly (Applications give way to ApplicationSets) and validates', async () => {
    const root = await copyExampleFleet();
    const fleet = join(root, 'clusters/fleet.yaml');
    await writeFile(fleet, (await readFile(fleet, 'utf8')).replace(/^argocd:\n/m, 'argocd:\n  delivery: applicationsets\n'));
    expect((await run('render', '--root', root)).code).toBe(0);
    const files = [...(await snapshotTree(root)).keys()];
    expect(files.filter((p) => /^clusters\/[^/]+\/apps\//.test(p))).toEqual([]);
    expect(files.filter((p) => /^clusters\/us-east-1-prod\/appsets\//.test(p)).length).toBeGreaterThan(1);
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
    const validate = await run('validate', '--root', root);
    expect(validate.out).toMatch(/Invalid: 0, Errors: 0/);
    expect(validate.code).toBe(0);
  });
});
