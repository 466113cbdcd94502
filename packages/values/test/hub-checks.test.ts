import { describe, expect, it } from 'vitest';
import { loadFleet } from '@fleetform/values';

const FLEET = 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n';
const cluster = (name: string, server?: string) => [`clusters/${name}/cluster.yaml`, `environment: prod\nregion: r1\n${server ? `server: ${server}\n` : ''}`] as const;
const lines = (files: Map<string, string>) => loadFleet(files).diagnostics.map((d) => `${d.code} ${d.position?.file}:${d.position?.line} ${d.path} ${d.message} | ${d.hint}`);

describe('hub delivery checks across files', () => {
  it('GIVEN a hub and every other cluster at a server of its own THEN the fleet loads without diagnostics', () => {
    const files = new Map([['clusters/fleet.yaml', `${FLEET}argocd:\n  delivery: hub\n  hub: {cluster: hub}\n`], cluster('hub'), cluster('c1', 'https://c1.example.com')]);
    expect(loadFleet(files).diagnostics).toEqual([]);
  });

  it('GIVEN hub delivery asked for by fleet.yaml or an app, with no hub THEN each request says to name one', () => {
    const app = ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\nimage: {repository: web, tag: "1"}\noverrides:\n  environments:\n    prod:\n      argocd: {delivery: hub}\n'] as const;
    expect(lines(new Map([['clusters/fleet.yaml', `${FLEET}argocd:\n  delivery: hub\n`], cluster('c1'), app]))).toEqual([
      'FF125 clusters/fleet.yaml:5 /argocd/delivery hub delivery needs a hub: clusters/fleet.yaml names none | add `hub: {cluster: NAME}` under `argocd` in clusters/fleet.yaml, NAME the cluster whose Argo CD delivers to the others (one of `c1`)',
      'FF125 apps/web/app.yaml:7 /overrides/environments/prod/argocd/delivery hub delivery needs a hub: clusters/fleet.yaml names none | add `hub: {cluster: NAME}` under `argocd` in clusters/fleet.yaml, NAME the cluster whose Argo CD delivers to the others (one of `c1`)',
    ]);
  });

  it('GIVEN a hub that is not a cluster THEN it suggests the one meant', () => {
    expect(lines(new Map([['clusters/fleet.yaml', `${FLEET}argocd:\n  hub: {cluster: hbu}\n`], cluster('hub')]))).toEqual([
      'FF125 clusters/fleet.yaml:5 /argocd/hub/cluster the hub `hbu` is not a cluster of the fleet | did you mean `hub`?',
    ]);
  });

  it('GIVEN clusters the hub cannot tell apart or reach THEN each is named in its cluster.yaml', () => {
    const files = new Map([
      ['clusters/fleet.yaml', `${FLEET}argocd:\n  hub: {cluster: hub}\n`],
      cluster('hub'),
      cluster('a', 'https://same.example.com'),
      cluster('b', 'https://same.example.com'),
      cluster('c'),
      cluster('d', 'https://kubernetes.default.svc'),
    ]);
    expect(lines(files)).toEqual([
      'FF127 clusters/b/cluster.yaml:3 /server clusters `a` and `b` have the same API server | Argo CD knows a cluster by its server, so the hub would deploy both to one cluster; give each cluster its own',
      'FF126 clusters/c/cluster.yaml:1 / the hub `hub` cannot reach cluster `c`: cluster.yaml names no API server of its own | add `server:` to clusters/c/cluster.yaml',
      'FF126 clusters/d/cluster.yaml:3 /server the hub `hub` cannot reach cluster `d`: cluster.yaml names no API server of its own | add `server:` to clusters/d/cluster.yaml',
    ]);
  });
});
