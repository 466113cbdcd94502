import { describe, expect, it } from 'vitest';
import { parseImage } from '@fleetform/kustomize';

describe('parseImage', () => {
  it.each([
    ['web', 'web', ''],
    ['web:v1', 'web', ':v1'],
    ['registry:5000/team/web:v1', 'registry:5000/team/web', ':v1'],
    ['registry:5000/team/web', 'registry:5000/team/web', ''],
    ['web@sha256:abc', 'web', '@sha256:abc'],
    ['web:v1@sha256:abc', 'web:v1', '@sha256:abc'],
  ])('splits %s into its name and suffix', (image, name, suffix) => {
    expect(parseImage(image)).toEqual({ name, suffix });
  });
});
