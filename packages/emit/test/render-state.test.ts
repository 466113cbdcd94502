import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEMO_FILE, readRenderMemo, readRenderState, STATE_FILE, STATE_VERSION, writeRenderState } from '@fleetform/emit';
import { beforeEach, describe, expect, it } from 'vitest';

const stamp = { key: 'k1', size: 12, mtimeMs: 1796624753971.614, ctimeMs: 1796624754383.614, ino: 42 };
const state = { version: STATE_VERSION as typeof STATE_VERSION, codeKey: 'code', inputsKey: 'inputs', files: { 'apps/web/base/kustomization.yaml': stamp }, warnings: [] };

describe('the render state', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fleetform-state-'));
  });

  it('reads back what was written: the stamps, and the memo in a file of its own', async () => {
    await writeRenderState(root, state, { apps: ['web'] });
    const read = await readRenderState(root, 'code');
    expect(read).toMatchObject(state);
    expect(await readRenderMemo(root, read!)).toEqual({ apps: ['web'] });
    // The stamps are stored as arrays, the memo is not in the state file.
    expect(await readFile(join(root, STATE_FILE), 'utf8')).toContain('"apps/web/base/kustomization.yaml":["k1",12,1796624753971.614,1796624754383.614,42]');
    expect(await readFile(join(root, STATE_FILE), 'utf8')).not.toContain('"apps":["web"]');
  });

  it('ignores a state another build of fleetform wrote, and a damaged one', async () => {
    await writeRenderState(root, state, {});
    expect(await readRenderState(root, 'other code')).toBeUndefined();
    await writeFile(join(root, STATE_FILE), '{"version":');
    expect(await readRenderState(root, 'code')).toBeUndefined();
  });

  it('ignores a memo that is not the one written with the state (a render killed between the two writes)', async () => {
    await writeRenderState(root, state, { apps: ['web'] });
    const read = await readRenderState(root, 'code');
    await writeFile(join(root, MEMO_FILE), JSON.stringify({ apps: ['another'] }));
    expect(await readRenderMemo(root, read!)).toBeUndefined();
  });
});
