import { appendFile, cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withWriteLock } from '@fleetform/emit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRenderWatch } from '../src/commands/render-watch.js';
import { copyExampleFleet, run } from './fleet-copy.js';
import { edit, EDITS, generated, inputsOnly } from './support/input-edits.js';

/**
 * `render --watch` on a copy of the example fleet, with the real file system's notifications: after
 * each kind of edit, once the watch has rendered and gone quiet, the tree must equal a full render of
 * the same inputs, byte for byte. The watch keeps its state in memory and checks only the files the
 * notifications name, so a missed notification or a stale listing shows up here as a difference.
 */

/** A watch running in this process, and what it printed. */
class Watch {
  private printed = '';
  private readonly stop = new AbortController();
  readonly exited: Promise<number>;

  constructor(root: string) {
    const io = { out: (t: string) => void (this.printed += t), err: (t: string) => void (this.printed += t) };
    this.exited = runRenderWatch(io, { root }, { signal: this.stop.signal });
  }

  get output(): string {
    return this.printed;
  }

  /** Waits until the output since `from` matches, then until nothing more has been printed for a while: the watch is idle. */
  async settled(from: number, expected: RegExp): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (!expected.test(this.printed.slice(from))) {
      if (Date.now() > deadline) throw new Error(`the watch never printed ${expected}; it printed:\n${this.printed.slice(from)}`);
      await sleep(20);
    }
    for (let length = -1; length !== this.printed.length; ) {
      length = this.printed.length;
      await sleep(600);
    }
    return this.printed.slice(from);
  }

  async close(): Promise<number> {
    this.stop.abort();
    return this.exited;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Passes once `check` does. A watch promises the right tree once it has caught up with the edits,
 * and on a busy machine a render after a late event can outlast any quiet time the test waits for.
 */
async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (failure) {
      if (Date.now() > deadline) throw failure;
      await sleep(300);
    }
  }
}

/** The generated files under `root` come to be, byte for byte, what a full render of its inputs makes. */
async function expectFullRender(root: string): Promise<void> {
  const full = await inputsOnly(root);
  expect((await run('render', '--no-cache', '--root', full)).code).toBe(0);
  const wanted = await generated(full);
  await eventually(async () => expect(await generated(root)).toEqual(wanted));
}

describe('render --watch', () => {
  let root = '';
  let watch: Watch;
  beforeAll(async () => {
    root = await copyExampleFleet();
    watch = new Watch(root);
    await watch.settled(0, /fleetform: watching apps\/, clusters\/, charts\//);
  }, 60_000);
  afterAll(async () => {
    await watch.close();
  });

  it.each(EDITS.filter((e) => e.watched !== false).map((e, i) => [i + 1, e.name, e] as const))(
    'step %i, %s: once the watch is quiet, the tree equals a full render',
    async (_, __, step) => {
      const from = watch.output.length;
      await step.apply(root);
      const printed = await watch.settled(from, /changed: rendered/);
      expect(printed).not.toMatch(/error|internal/);
      if (step.built === 1 && step.clustersLaidOut === 0) expect(printed).toMatch(/\(1 built, \d+ unchanged since the last render, 5 of 5 clusters unchanged\)/);

      await expectFullRender(root);
    },
    60_000,
  );

  it('GIVEN a value file made invalid THEN it says what is wrong and writes nothing, and once it is fixed renders what changed meanwhile too', async () => {
    const app = join(root, 'apps/erlmcp/app.yaml');
    const valid = await readFile(app, 'utf8');
    const outputs = async () => new Map([...(await generated(root))].filter(([path]) => path !== 'apps/erlmcp/app.yaml'));
    const before = await outputs();
    let from = watch.output.length;
    await edit(root, 'apps/erlmcp/app.yaml', (t) => t.replace(/^namespace:/m, 'namespaces:'));
    const refused = await watch.settled(from, /nothing written; waiting for the next change/);
    expect(refused).toMatch(/apps\/erlmcp\/app\.yaml:\d+:\d+: error FF\d+/);
    expect(await outputs()).toEqual(before);
    // A generated file edited by hand while no render can be written: the render after the fix puts it right.
    from = watch.output.length;
    await appendFile(join(root, 'clusters/us-east-1-prod/apps/dbupgrade.yaml'), '# hand edit\n');
    await watch.settled(from, /nothing written/);

    from = watch.output.length;
    await writeFile(app, valid.replace(/tag: v\S+/, 'tag: v9.9.9'));
    expect(await watch.settled(from, /changed: rendered/)).toMatch(/apps\/erlmcp\/app\.yaml and 1 more changed: rendered \d+ apps on 5 clusters \(1 built, \d+ unchanged since the last render, 4 of 5 clusters unchanged\)/);
    await expectFullRender(root);
  }, 60_000);

  it('GIVEN another fleetform holding the write lock THEN the watch renders the edit made meanwhile once the lock is free, not before', async () => {
    const outputs = async () => new Map([...(await generated(root))].filter(([path]) => !path.endsWith('/app.yaml')));
    const before = await outputs();
    const from = watch.output.length;
    await withWriteLock(root, async () => {
      await edit(root, 'apps/erlmcp/app.yaml', (t) => t.replace(/tag: v\S+/, 'tag: v9.9.10'));
      await sleep(1500);
      expect(watch.output.slice(from)).not.toMatch(/rendered/);
      expect(await outputs()).toEqual(before);
    });
    expect(await watch.settled(from, /changed: rendered/)).toMatch(/apps\/erlmcp\/app\.yaml changed: rendered \d+ apps on 5 clusters \(1 built/);
    await expectFullRender(root);
  }, 60_000);

  it('GIVEN an app folder moved into apps/ whole THEN the watch renders the new app, and its removal', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'fleetform-app-'));
    await cp(join(root, 'apps/erlmcp/app.yaml'), join(outside, 'app.yaml'));
    await edit(outside, 'app.yaml', (t) => t.replace(/^namespace:\n {2}name: \S+/m, 'namespace:\n  name: erlmcp-moved'));
    let from = watch.output.length;
    await rename(outside, join(root, 'apps/erlmcp-moved'));
    expect(await watch.settled(from, /rendered \d+ apps/)).toMatch(/rendered 30 apps on 5 clusters/);
    await expectFullRender(root);

    from = watch.output.length;
    await rm(join(root, 'apps/erlmcp-moved'), { recursive: true });
    expect(await watch.settled(from, /rendered \d+ apps/)).toMatch(/rendered 29 apps on 5 clusters/);
    await expectFullRender(root);
  }, 60_000);

  it('GIVEN the watch stopped THEN it saved its state: the next render from a cold process finds nothing to do', async () => {
    expect(await watch.close()).toBe(0);
    const { code, out } = await run('render', '--root', root);
    expect(code).toBe(0);
    expect(out).toMatch(/nothing changed since the last render: 0 created, 0 updated, 0 removed/);
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
  }, 60_000);
});
