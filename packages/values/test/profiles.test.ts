import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import { expandProfiles, findProfileCycles, loadFleet } from '@fleetform/values';

const fleet = (profiles: string) => `git: {repoURL: x}
regions: {r1: {registry: reg}}
environments: [{name: prod}]
profiles:
${profiles}`;

const load = (profiles: string, app: string) =>
  loadFleet(
    new Map([
      ['clusters/fleet.yaml', fleet(profiles)],
      ['clusters/c1/cluster.yaml', 'environment: prod\nregion: r1\n'],
      ['apps/web/app.yaml', `team: t\nnamespace: {name: web}\n${app}`],
    ]),
  );

describe('profiles across files', () => {
  it('GIVEN an app names a profile fleet.yaml does not declare THEN FF112 points at it and suggests the closest', () => {
    const { inputs, diagnostics } = load('  web-service: {values: {labels: {tier: web}}}\n', 'profiles: [web-servce]\n');
    expect(inputs).toBeUndefined();
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'apps/web/app.yaml:3:12: error FF112 at /profiles/0: unknown profile `web-servce` (expected one of `web-service`, found `web-servce`)\n  hint: did you mean `web-service`?',
    ]);
  });

  it('GIVEN a profile extends an unknown profile THEN FF112 points into fleet.yaml', () => {
    const { diagnostics } = load('  web-service: {extends: [bse]}\n  base: {}\n', 'profiles: [web-service]\n');
    expect(diagnostics).toMatchObject([{ code: 'FF112', path: '/profiles/web-service/extends/0', position: { file: 'clusters/fleet.yaml', line: 5 }, hint: 'did you mean `base`?' }]);
  });

  it('GIVEN profiles that extend each other THEN FF117 names the cycle once, at the entry that closes it', () => {
    const { diagnostics } = load('  a: {extends: [b]}\n  b: {extends: [c]}\n  c: {extends: [a]}\n  d: {extends: [d]}\n', 'profiles: [a]\n');
    expect(diagnostics.map((d) => `${d.code} ${d.position?.line}:${d.position?.col} ${d.path} ${d.message}`)).toEqual([
      'FF117 7:17 /profiles/c/extends/0 profiles extend each other in a cycle: `a` → `b` → `c` → `a`',
      'FF117 8:17 /profiles/d/extends/0 profiles extend each other in a cycle: `d` → `d`',
    ]);
  });

  it('GIVEN known profiles without a cycle THEN the fleet loads', () => {
    const { diagnostics } = load('  base: {}\n  web-service: {extends: [base], values: {labels: {tier: web}}}\n', 'profiles: [web-service]\n');
    expect(diagnostics).toEqual([]);
  });
});

describe('expandProfiles', () => {
  const profiles = { base: {}, http: { extends: ['base'] }, metrics: { extends: ['base'] }, service: { extends: ['http', 'metrics'] } };

  it('GIVEN a profile that extends others THEN they come first, in order, and a shared parent once', () => {
    expect(expandProfiles(profiles, ['service'])).toEqual(['base', 'http', 'metrics', 'service']);
  });

  it('GIVEN several profiles THEN each applies once, at its first place', () => {
    expect(expandProfiles(profiles, ['metrics', 'service', 'base'])).toEqual(['base', 'metrics', 'http', 'service']);
  });

  it('GIVEN a cycle or an unknown name THEN it still ends, skipping what it cannot apply', () => {
    expect(expandProfiles({ a: { extends: ['b'] }, b: { extends: ['a'] } }, ['a', 'missing'])).toEqual(['b', 'a']);
    expect(findProfileCycles({ a: { extends: ['b'] }, b: { extends: ['a'] } })).toEqual([{ names: ['a', 'b', 'a'], closedBy: { profile: 'b', index: 0 } }]);
  });
});
