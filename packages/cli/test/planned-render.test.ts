import { readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { untouchedFiles } from '@fleetform/emit';
import { readInputs } from '@fleetform/values';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRender } from '../src/planned-render.js';
import { copyExampleFleet, run } from './fleet-copy.js';

const VICTIM = 'apps/dbupgrade/base/certificate-webhook-server-cert.yaml';

describe('planRender', () => {
  let root: string;
  beforeEach(async () => {
    root = await copyExampleFleet();
    expect((await run('render', '--root', root)).code).toBe(0);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('GIVEN a file the state vouches for is deleted after its stamp was checked THEN it renders again trusting nothing, and writes the file back', async () => {
    const before = await readFile(join(root, VICTIM), 'utf8');
    // The race, staged: the stamp check finds every file untouched, then the file goes.
    const racing: typeof untouchedFiles = (dir, stamps) => {
      const untouched = untouchedFiles(dir, stamps);
      rmSync(join(dir, VICTIM));
      return untouched;
    };
    const { diagnostics, planned } = await planRender(root, await readInputs(root), { untouchedFiles: racing });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(planned!.plan.create).toEqual([VICTIM]);
    expect(planned!.summary).not.toContain('unchanged since the last render');
    await planned!.write();
    expect(await readFile(join(root, VICTIM), 'utf8')).toBe(before);
    expect((await run('render', '--check', '--no-cache', '--root', root)).code).toBe(0);
  });
});
