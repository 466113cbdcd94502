import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCrdValidators } from '@fleetform/crd-schema';

const crd = {
  spec: {
    group: 'example.com',
    names: { kind: 'Widget' },
    versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
};
const widget = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

describe('compiled validators cached across runs', () => {
  it('GIVEN a cache folder THEN the first run writes a compiled validator and the next run uses it', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'fleetform-crd-cache-'));
    compileCrdValidators([crd], { cacheDir });
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(1);
    const cached = compileCrdValidators([crd], { cacheDir }).get('example.com/v1 Widget')!;
    expect(cached(widget({ size: 3 }))).toEqual([]);
    expect(cached(widget({ size: 'x', colour: 'blue' })).map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'type']);
  });

  it('GIVEN a damaged cache entry THEN it compiles again and still validates', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'fleetform-crd-cache-'));
    compileCrdValidators([crd], { cacheDir });
    const [file] = await readdir(cacheDir);
    await writeFile(join(cacheDir, file!), 'this is not javascript(');
    const validate = compileCrdValidators([crd], { cacheDir }).get('example.com/v1 Widget')!;
    expect(validate(widget({ size: 'x' }))).toHaveLength(1);
  });
});
