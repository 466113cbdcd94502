import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExampleFleet, run } from './fleet-copy.js';
import { edit, EDITS, generated, inputsOnly } from './support/input-edits.js';

/**
 * The render cache may make a render faster, never different. One copy of the example fleet is
 * edited step by step, each kind of input edit in turn, and rendered incrementally after each; after
 * every step its tree must equal, byte for byte, a full render (no cache) of the same inputs into an
 * empty folder, and `render --check` must pass. Each step also says how many apps the incremental
 * render had to build, so a cache that quietly rebuilt everything fails too.
 */

describe('incremental render', () => {
  let root = '';
  let apps = 0;
  beforeAll(async () => {
    root = await copyExampleFleet();
    const first = await run('render', '--root', root);
    expect(first.code).toBe(0);
    apps = Number(/rendered (\d+) apps/.exec(first.out)?.[1]);
  }, 60_000);

  it.each(EDITS.map((e, i) => [i + 1, e.name, e] as const))('step %i, %s: the incremental render equals a full render', async (_, __, step) => {
    await step.apply(root);
    const incremental = await run('render', '--root', root);
    expect(incremental.err).not.toMatch(/error/);
    expect(incremental.code).toBe(0);
    const total = Number(/rendered (\d+) apps/.exec(incremental.out)?.[1] ?? apps);
    const built = /\((\d+) built, \d+ unchanged/.exec(incremental.out)?.[1];
    const nothingChanged = /nothing changed since the last render/.test(incremental.out);
    if (step.built === 'all') expect(built === undefined && !nothingChanged).toBe(true);
    else if (step.built === 0) expect(nothingChanged || built === '0').toBe(true);
    else expect(Number(built)).toBe(step.built);
    if (step.clustersLaidOut !== undefined) {
      const [, kept, clusters] = /, (\d+) of (\d+) clusters unchanged\)/.exec(incremental.out) ?? [];
      expect(Number(clusters) - Number(kept)).toBe(step.clustersLaidOut);
    }
    expect(total).toBeGreaterThan(0);

    const full = await inputsOnly(root);
    const rendered = await run('render', '--no-cache', '--root', full);
    expect(rendered.code).toBe(0);
    expect(await generated(root)).toEqual(await generated(full));
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
  }, 60_000);

  it('finds a clash between an app built now and an app it reuses, as a full render does', async () => {
    const before = await readFile(join(root, 'apps/erlmcp/app.yaml'), 'utf8');
    // erlmcp moves into dbupgrade's namespace: both now deploy the Namespace, and dbupgrade is reused.
    await edit(root, 'apps/erlmcp/app.yaml', (t) => t.replace(/^namespace:\n {2}name: erlmcp$/m, 'namespace:\n  name: dbupgrade-system'));
    const incremental = await run('render', '--root', root);
    const full = await run('render', '--no-cache', '--root', root);
    expect(incremental.code).toBe(1);
    expect(incremental.err).toMatch(/error FF214: apps `dbupgrade` and `erlmcp` both deploy Namespace `dbupgrade-system`/);
    expect(incremental.err).toBe(full.err);
    await writeFile(join(root, 'apps/erlmcp/app.yaml'), before);
    expect((await run('render', '--root', root)).code).toBe(0);
  }, 60_000);

  it('rewrites only the files whose bytes change: the others keep their modification times', async () => {
    const untouched = join(root, 'clusters/us-east-1-prod/apps/dbupgrade.yaml');
    const changed = join(root, 'apps/erlmcp/base/kustomization.yaml');
    const before = (await stat(untouched)).mtimeMs;
    await edit(root, 'apps/erlmcp/app.yaml', (t) => t.replace(/tag: v3\.0\.3/, 'tag: v3.0.4'));
    const changedBefore = await readFile(changed, 'utf8');
    const { out } = await run('render', '--root', root);
    expect(out).toMatch(/\(1 built, \d+ unchanged since the last render, 5 of 5 clusters unchanged\): 0 created, [1-9]\d* updated, 0 removed/);
    expect((await stat(untouched)).mtimeMs).toBe(before);
    expect(await readFile(changed, 'utf8')).toBe(changedBefore);
  }, 60_000);
});
