import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { run } from './fleet-copy.js';

let dir = '';
async function write(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetform-preview-cli-'));
});

const appSet = (generators: string, template = "metadata: {name: '{{.name}}'}\n    spec: {project: default, destination: {server: '{{.server}}', namespace: web}}") =>
  `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: web\n  namespace: argocd\nspec:\n  goTemplate: true\n  goTemplateOptions: ["missingkey=error"]\n  generators:\n${generators}\n  template:\n    ${template}\n`;

describe('fleetform preview', () => {
  it('GIVEN an ApplicationSet with a list generator THEN it prints its Applications as one YAML stream', async () => {
    await write({ 'set.yaml': appSet("  - list: {elements: [{name: one, server: 'https://one'}, {name: two, server: 'https://two'}]}") });
    const { code, out, err } = await run('preview', join(dir, 'set.yaml'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: one
        namespace: argocd
        finalizers:
          - resources-finalizer.argocd.argoproj.io
      spec:
        project: default
        destination:
          server: https://one
          namespace: web
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: two
        namespace: argocd
        finalizers:
          - resources-finalizer.argocd.argoproj.io
      spec:
        project: default
        destination:
          server: https://two
          namespace: web
      "
    `);
  });

  it('GIVEN --format table THEN it prints one row per Application', async () => {
    await write({ 'set.yaml': appSet("  - list: {elements: [{name: one, server: 'https://one'}]}") });
    const { code, out } = await run('preview', join(dir, 'set.yaml'), '--format', 'table');
    expect(code).toBe(0);
    expect(out).toBe('NAME  PROJECT  SOURCE  DESTINATION  NAMESPACE\none   default          https://one  web\n');
  });

  it('GIVEN a clusters generator THEN it reads the fleet’s clusters under --root, labelled env, region and name', async () => {
    await write({
      'fleet/clusters/fleet.yaml': 'git: {repoURL: https://example.com/fleet.git}\nregions: {eu: {registry: r.example.com}, us: {registry: r.example.com}}\nenvironments: [{name: staging}, {name: prod}]\n',
      'fleet/clusters/eu-prod/cluster.yaml': 'environment: prod\nregion: eu\nserver: https://eu.example.com\n',
      'fleet/clusters/us-prod/cluster.yaml': 'environment: prod\nregion: us\nserver: https://us.example.com\n',
      'fleet/clusters/us-staging/cluster.yaml': 'environment: staging\nregion: us\nserver: https://staging.example.com\n',
      'set.yaml': appSet('  - clusters: {selector: {matchLabels: {env: prod}}}', "metadata: {name: 'web-{{.name}}'}\n    spec: {project: default, destination: {server: '{{.server}}', namespace: '{{.metadata.labels.region}}'}}"),
    });
    const { code, out } = await run('preview', join(dir, 'set.yaml'), '--root', join(dir, 'fleet'), '--format', 'table');
    expect(out).toBe(
      'NAME         PROJECT  SOURCE  DESTINATION             NAMESPACE\nweb-eu-prod  default          https://eu.example.com  eu\nweb-us-prod  default          https://us.example.com  us\n',
    );
    expect(code).toBe(0);
  });

  it('GIVEN --clusters FILE THEN it reads Argo CD cluster secrets instead', async () => {
    await write({
      'secrets.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: c, labels: {argocd.argoproj.io/secret-type: cluster, env: prod}}\nstringData: {name: hub-spoke, server: https://spoke}\n',
      'set.yaml': appSet('  - clusters: {selector: {matchLabels: {env: prod}}}'),
    });
    const { code, out } = await run('preview', join(dir, 'set.yaml'), '--clusters', join(dir, 'secrets.yaml'), '--format', 'table');
    expect(out).toContain('hub-spoke  default          https://spoke  web');
    expect(code).toBe(0);
  });

  it('GIVEN a git generator THEN it reads the repository given with --repo at the revision, whatever repoURL says', async () => {
    await write({ 'repo/apps/api/kustomization.yaml': 'resources: []\n', 'repo/apps/web/kustomization.yaml': 'resources: []\n' });
    const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: join(dir, 'repo') });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'apps');
    await write({ 'set.yaml': appSet("  - git: {repoURL: 'https://github.com/elsewhere/repo.git', revision: main, directories: [{path: 'apps/*'}]}", "metadata: {name: '{{.path.basename}}'}\n    spec: {project: default, source: {path: '{{.path.path}}'}}") });
    const { code, out } = await run('preview', join(dir, 'set.yaml'), '--repo', join(dir, 'repo'), '--format', 'table');
    expect(out).toBe('NAME  PROJECT  SOURCE    DESTINATION  NAMESPACE\napi   default  apps/api\nweb   default  apps/web\n');
    expect(code).toBe(0);
  });

  it('GIVEN a generator it cannot run THEN it names it, prints no Application and exits 1', async () => {
    await write({ 'set.yaml': appSet("  - pullRequest: {github: {owner: o, repo: r}}\n  - list: {elements: [{name: one, server: 'https://one'}]}") });
    const { code, out, err } = await run('preview', join(dir, 'set.yaml'));
    expect(out).toBe('');
    expect(err).toContain('set.yaml:10:18: error FF801 at /spec/generators/0/pullRequest: the pullRequest generator is not supported by fleetform preview');
    expect(err).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });

  it('GIVEN a template error THEN it points into the file and exits 1', async () => {
    await write({ 'set.yaml': appSet("  - list: {elements: [{name: one}]}") });
    const { code, err } = await run('preview', join(dir, 'set.yaml'));
    expect(err).toContain('error FF805 at /spec/template/spec/destination/server: in {{.server}}: map has no entry for key "server"');
    expect(code).toBe(1);
  });

  it('GIVEN - THEN it reads the ApplicationSet from standard input', async () => {
    let out = '';
    const stdin = appSet("  - list: {elements: [{name: piped, server: 'https://p'}]}");
    const code = await main(['preview', '-', '--format', 'table'], { out: (t) => (out += t), err: () => undefined, readStdin: async () => stdin });
    expect(out).toContain('piped');
    expect(code).toBe(0);
  });

  it('GIVEN a file that does not exist THEN it says so and exits 1', async () => {
    const { code, err } = await run('preview', join(dir, 'nope.yaml'));
    expect(err).toContain(`error FF800: cannot read ${join(dir, 'nope.yaml')}: no such file`);
    expect(code).toBe(1);
  });

  it('GIVEN an unknown --format THEN it is a usage error', async () => {
    await write({ 'set.yaml': appSet("  - list: {elements: []}") });
    const { code } = await run('preview', join(dir, 'set.yaml'), '--format', 'json');
    expect(code).toBe(2);
  });
});
