import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planChanges, UnsafePathError, unsafePathReason, type Ownership } from '@fleetform/emit';

const ownership: Ownership = { folders: ['apps', 'clusters'], isGenerated: () => true, isInput: (path) => path.endsWith('/app.yaml') };

describe('unsafePathReason', () => {
  it.each([
    ['apps/web/base/deployment-web.yaml', undefined],
    ['apps/web/base/configmap-../../../../x.yaml', 'is absolute or has an empty, `.` or `..` segment'],
    ['/etc/passwd', 'is absolute or has an empty, `.` or `..` segment'],
    ['apps/web/base/./x.yaml', 'is absolute or has an empty, `.` or `..` segment'],
    ['apps//x.yaml', 'is absolute or has an empty, `.` or `..` segment'],
    ['apps/web/base/a\\..\\x.yaml', 'holds a backslash or NUL'],
    ['node_modules/x.js', 'is not inside a generated folder'],
    ['apps', 'is not inside a generated folder'],
    [`apps/web/base/${'a'.repeat(256)}.yaml`, 'has a segment over 255 bytes'],
    ['apps/web/app.yaml', undefined],
  ])('%s: %s', (path, reason) => {
    expect(unsafePathReason(path, ownership)).toBe(reason);
  });
});

describe('planChanges', () => {
  it('refuses a set of files with an unsafe path before reading or writing anything', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fleetform-unsafe-'));
    const wanted = new Map([
      ['apps/web/base/ok.yaml', 'x'],
      ['apps/web/base/configmap-../../../../../escaped.yaml', 'x'],
    ]);
    await expect(planChanges(root, wanted, ownership)).rejects.toThrow(UnsafePathError);
    expect(await readdir(root)).toEqual([]);
  });
});
