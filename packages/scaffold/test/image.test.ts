import { describe, expect, it } from 'vitest';
import { parseImage } from '../src/index.js';

describe('parseImage', () => {
  it.each([
    ['web:1.2.0', { repository: 'web', tag: '1.2.0' }],
    ['team/web:v2', { repository: 'team/web', tag: 'v2' }],
    ['ghcr.io/org/web:1.2.0', { registry: 'ghcr.io', repository: 'org/web', tag: '1.2.0' }],
    ['localhost:5000/web:dev-1', { registry: 'localhost:5000', repository: 'web', tag: 'dev-1' }],
    ['localhost/web:1', { registry: 'localhost', repository: 'web', tag: '1' }],
  ])('GIVEN %s THEN it reads registry, repository and tag as app.yaml writes them', (text, expected) => {
    expect(parseImage(text)).toEqual(expected);
  });

  it.each([
    ['web', 'it has no tag'],
    ['Web:1.0', 'the repository is not valid'],
    ['web:-bad', 'the tag is not valid'],
  ])('GIVEN %s THEN it is an FF904 error saying why', (text, why) => {
    const result = parseImage(text);
    expect(result).toMatchObject({ code: 'FF904', severity: 'error' });
    expect((result as { message: string }).message).toContain(why);
  });
});
