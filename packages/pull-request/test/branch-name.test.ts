import { describe, expect, it } from 'vitest';
import { branchName } from '../src/index.js';

describe('branch names', () => {
  it.each([
    [['bump', 'dbupgrade', 'v1.1.0'], 'fleetform/bump-dbupgrade-v1.1.0'],
    [['bump', 'dbupgrade', 'v1.1.0', 'hello', 'v2.0.0', 'prod'], 'fleetform/bump-dbupgrade-v1.1.0-hello-v2.0.0-prod'],
    [['bump', 'web', 'sha256:0123456789ab'], 'fleetform/bump-web-sha256-0123456789ab'],
    [['promote', 'web', '1.2..3', 'to', 'prod'], 'fleetform/promote-web-1.2.3-to-prod'],
    [['bump', 'web', 'v1 ~^:?*[\\@{'], 'fleetform/bump-web-v1'],
    [['bump', '.hidden', '-dash-', 'x.lock'], 'fleetform/bump-hidden-dash-x-lock'],
    [['', '...'], 'fleetform/change'],
  ])('GIVEN %j THEN %s', (words, name) => {
    expect(branchName(words)).toBe(name);
  });

  it('GIVEN very many apps THEN the name stays short and keeps a hash of the whole, so two such names differ', () => {
    const many = (tag: string) => branchName(['bump', ...Array.from({ length: 20 }, (_, i) => `app-${i}-${tag}`)]);
    expect(many('v1').length).toBeLessThanOrEqual(100);
    expect(many('v1')).toMatch(/^fleetform\/bump-app-0-v1-.*-[0-9a-f]{8}$/);
    expect(many('v1')).not.toBe(many('v2'));
    expect(many('v1')).toBe(many('v1'));
  });
});
