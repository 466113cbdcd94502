import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localRepository } from '@fleetform/preview';
import { appSet, gitRepository, memoryRepository, names, preview } from './helpers.js';

const repo = memoryRepository({
  'apps/web/kustomization.yaml': '',
  'apps/api/kustomization.yaml': '',
  'apps/api/overlays/prod/kustomization.yaml': '',
  'apps/my_worker/kustomization.yaml': '',
  'apps/.hidden/kustomization.yaml': '',
  'apps-extra/x/kustomization.yaml': '',
  'envs/dev/config.yaml': 'cluster: {name: dev, replicas: 2}\nregion: eu\n',
  'envs/prod/config.yaml': '- {cluster: {name: prod-a}}\n- {cluster: {name: prod-b}}\n',
  'envs/prod/deep/config.yaml': 'cluster: {name: deep}\n',
  'envs/empty/config.yaml': '',
  'envs/broken/config.yaml': 'a: [',
  'config.json': '{"cluster": {"name": "root"}}',
});
const run = (generators: string, template: string, goTemplate = true) => preview(appSet({ generators, template, goTemplate }), { git: repo });
const git = (spec: string) => `- git:\n    repoURL: https://example.com/ignored.git\n    revision: HEAD\n${spec.split('\n').map((l) => `    ${l}`).join('\n')}`;

describe('the git directories generator', () => {
  it.each([
    ['one level under a folder, hidden folders skipped', 'directories: [{path: "apps/*"}]', ['api', 'my_worker', 'web']],
    ['an exclude, which wins over any include', 'directories: [{path: "apps/*"}, {path: "apps/w*", exclude: true}]', ['api', 'my_worker']],
    ['a class of characters', 'directories: [{path: "apps/*"}, {path: "apps/[am]*", exclude: true}]', ['web']],
    ['the top of the repository', 'directories: [{path: "*"}]', ['apps', 'apps-extra', 'envs']],
    ['a folder at any depth, in the order Argo CD walks them', 'directories: [{path: "apps/*/overlays/*"}, {path: "apps/*"}]', ['api', 'prod', 'my_worker', 'web']],
  ])('finds %s', async (_, spec, expected) => {
    const result = await run(git(spec), "metadata: {name: '{{.path.basenameNormalized}}', annotations: {base: '{{.path.basename}}'}}\nspec: {project: p}");
    expect(result.messages).toEqual([]);
    expect(result.applications.map((a) => a.metadata.annotations!.base)).toEqual(expected);
  });

  it('gives path, basename, basenameNormalized and segments in Go template mode', async () => {
    const result = await run(git('directories: [{path: "apps/my_worker"}]'), "metadata: {name: '{{.path.basenameNormalized}}', annotations: {path: '{{.path.path}}', base: '{{.path.basename}}', first: '{{index .path.segments 0}}'}}\nspec: {project: p}");
    expect(result.applications[0]!.metadata).toMatchObject({ name: 'my-worker', annotations: { path: 'apps/my_worker', base: 'my_worker', first: 'apps' } });
  });

  it('gives path, path.basename and path[N] to fasttemplate, and honours pathParamPrefix', async () => {
    const result = await run(git('directories: [{path: "apps/web"}]\npathParamPrefix: app'), "metadata: {name: '{{app.path.basename}}', annotations: {path: '{{app.path}}', first: '{{app.path[0]}}', second: '{{app.path[1]}}'}}\nspec: {project: p}", false);
    expect(result.applications[0]!.metadata).toMatchObject({ name: 'web', annotations: { path: 'apps/web', first: 'apps', second: 'web' } });
  });

  it('refuses a revision the repository does not have', async () => {
    const result = await run(git('directories: [{path: "*"}]').replace('revision: HEAD', 'revision: missing'), "metadata: {name: x}\nspec: {project: p}");
    expect(result.messages.join('\n')).toContain('error FF807 at /spec/generators/0/git/revision: the repository has no revision `missing`');
  });
});

describe('the git files generator', () => {
  it.each([
    ['one file', 'files: [{path: "config.json"}]', ['root']],
    ['files in path order, a list of parameter sets in one, `*` crossing folders as in git ls-files', 'files: [{path: "envs/[dp]*/config.yaml"}]', ['dev', 'prod-a', 'prod-b', 'deep']],
    ['all but the excluded files', 'files: [{path: "envs/[dp]*/config.yaml"}, {path: "envs/prod/deep/*", exclude: true}]', ['dev', 'prod-a', 'prod-b']],
    ['nothing for `**/` where no folder sits between, as git matches it', 'files: [{path: "envs/dev/**/config.yaml"}]', []],
  ])('reads %s', async (_, spec, expected) => {
    const result = await run(git(spec), "metadata: {name: '{{.cluster.name}}'}\nspec: {project: p}");
    expect(result.messages).toEqual([]);
    expect(names(result)).toEqual(expected);
  });

  it('gives the folder as path, the file as path.filename, and keeps parameter types in Go template mode', async () => {
    const result = await run(git('files: [{path: "envs/dev/config.yaml"}]'), "metadata:\n  name: '{{.cluster.name}}'\n  annotations: {path: '{{.path.path}}', file: '{{.path.filename}}', base: '{{.path.basename}}', double: '{{printf \"%v\" .cluster.replicas}}'}\nspec: {project: p}");
    expect(result.applications[0]!.metadata.annotations).toEqual({ path: 'envs/dev', file: 'config.yaml', base: 'dev', double: '2' });
  });

  it('flattens a file to dotted string parameters for fasttemplate', async () => {
    const result = await run(git('files: [{path: "envs/dev/config.yaml"}]'), "metadata: {name: '{{cluster.name}}', annotations: {replicas: '{{cluster.replicas}}', region: '{{region}}', dir: '{{path}}', first: '{{path[0]}}'}}\nspec: {project: p}", false);
    expect(result.applications[0]!.metadata.annotations).toEqual({ replicas: '2', region: 'eu', dir: 'envs/dev', first: 'envs' });
  });

  it('treats an empty file as one empty parameter set, and refuses one that is not YAML', async () => {
    const empty = await run(git('files: [{path: "envs/empty/config.yaml"}]'), "metadata: {name: '{{.path.basename}}'}\nspec: {project: p}");
    expect(names(empty)).toEqual(['empty']);
    const broken = await run(git('files: [{path: "envs/broken/config.yaml"}]'), "metadata: {name: x}\nspec: {project: p}");
    expect(broken.messages.join('\n')).toContain('envs/broken/config.yaml at HEAD is not a YAML or JSON map, nor a list of maps');
  });

  it('says that a git generator needs directories or files', async () => {
    const result = await run(git('files: []'), "metadata: {name: x}\nspec: {project: p}");
    expect(result.messages.join('\n')).toContain('error FF803 at /spec/generators/0/git: a git generator needs `directories` or `files`');
  });
});

describe('the local repository', () => {
  const run2 = promisify(execFile);

  it('reads any revision, a remote-tracking one too, whatever repoURL says', async () => {
    const dir = await gitRepository({ 'apps/one/k.yaml': '' });
    const git = (...args: string[]) => run2('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    await git('checkout', '-q', '-b', 'feature');
    await writeFile(join(dir, 'apps', 'k.yaml'), '');
    await run2('mkdir', ['-p', join(dir, 'apps', 'two')]);
    await writeFile(join(dir, 'apps', 'two', 'k.yaml'), '');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'two');
    await git('update-ref', 'refs/remotes/origin/release', 'HEAD');
    const reader = localRepository(join(dir, 'apps'));
    expect((await reader.tree('main')).directories).toEqual(['apps', 'apps/one']);
    expect((await reader.tree('HEAD')).directories).toEqual(['apps', 'apps/one', 'apps/two']);
    expect((await reader.tree('release')).directories).toEqual(['apps', 'apps/one', 'apps/two']);
    await expect(reader.tree('nope')).rejects.toThrow('has no revision `nope`');
  });

  it('says when the folder is in no repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetform-preview-norepo-'));
    await expect(localRepository(dir).tree('HEAD')).rejects.toThrow('is not in a git repository');
  });
});
