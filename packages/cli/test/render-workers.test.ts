import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

const cli = join(import.meta.dirname, 'support/run-cli.ts');

/** The command line in a process of its own (worker threads need one), with FLEETFORM_WORKERS set. */
async function renderWithWorkers(root: string, workers: number): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'render', '--root', root], {
    env: { ...process.env, FLEETFORM_WORKERS: String(workers) },
  });
  return stdout;
}

const generated = async (root: string) => new Map([...(await snapshotTree(root))].filter(([path]) => !path.startsWith('.fleetform')));

describe('a full render shared among worker threads', () => {
  it('GIVEN the example fleet rendered with 2 worker threads THEN its tree is byte for byte the one a render in one thread writes', async () => {
    const alone = await copyExampleFleet();
    const shared = await mkdtemp(join(tmpdir(), 'fleetform-workers-'));
    await cp(alone, shared, { recursive: true });
    expect((await run('render', '--no-cache', '--root', alone)).code).toBe(0);
    const out = await renderWithWorkers(shared, 2);
    expect(out).toMatch(/rendered 29 apps on 5 clusters with 2 worker threads: /);
    expect(await generated(shared)).toEqual(await generated(alone));
  }, 120_000);
});
