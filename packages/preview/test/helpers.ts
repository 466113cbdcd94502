import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '@fleetform/diagnostics';
import {
  clustersFromSecrets,
  GitProblem,
  localRepository,
  previewFiles,
  type Application,
  type ClusterSource,
  type GitReader,
  type GitTree,
  type PreviewSources,
} from '@fleetform/preview';

const run = promisify(execFile);

/** A git repository in a temporary folder holding `files` (path → text), or a copy of a folder, in one commit. */
export async function gitRepository(content: Readonly<Record<string, string>> | { readonly copyOf: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetform-preview-'));
  if (typeof content.copyOf === 'string') {
    await cp(content.copyOf, dir, { recursive: true });
  } else {
    for (const [path, text] of Object.entries(content)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  }
  const git = (...args: string[]) => run('git', ['-c', 'user.name=fleetform', '-c', 'user.email=fleetform@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'fixture');
  return dir;
}

/** A repository held in memory, at every revision the same files: fast, for generator tests. */
export function memoryRepository(files: Readonly<Record<string, string>>): GitReader {
  const directories = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join('/'));
  }
  const tree: GitTree = { commit: '0'.repeat(40), directories: [...directories].sort(), files: new Map(Object.keys(files).map((p) => [p, p])) };
  return {
    tree: async (revision) => {
      if (revision === 'missing') throw new GitProblem(`the repository has no revision \`${revision}\``);
      return tree;
    },
    read: async (_tree, path) => files[path]!,
  };
}

/** For ApplicationSets with no git generator: any read fails the test. */
export const noRepository: GitReader = {
  tree: () => Promise.reject(new Error('this test has no repository')),
  read: () => Promise.reject(new Error('this test has no repository')),
};

/** Cluster secrets written as YAML, the way `--clusters FILE` reads them. */
export const secrets = (yaml: string): ClusterSource => clustersFromSecrets(yaml, 'clusters.yaml');

export const noClusters: ClusterSource = async () => ({ clusters: [], diagnostics: [] });

/** A cluster secret as YAML, with stringData. */
export function secret(name: string, server: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}): string {
  const yaml = (map: Record<string, string>, indent: string) => Object.entries(map).map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}\n`).join('');
  return (
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-${name}\n  labels:\n    argocd.argoproj.io/secret-type: cluster\n${yaml(labels, '    ')}` +
    (Object.keys(annotations).length > 0 ? `  annotations:\n${yaml(annotations, '    ')}` : '') +
    `stringData:\n  name: ${name}\n  server: ${server}\n---\n`
  );
}

export interface Preview {
  readonly applications: Application[];
  readonly diagnostics: Diagnostic[];
  /** Every diagnostic as the command line prints it. */
  readonly messages: string[];
}

/** Previews ApplicationSet YAML with the given sources (no clusters and no repository by default). */
export async function preview(yaml: string, sources: Partial<PreviewSources> = {}): Promise<Preview> {
  const { applications, diagnostics } = await previewFiles([{ file: 'appset.yaml', text: yaml }], { clusters: noClusters, git: noRepository, ...sources });
  return { applications, diagnostics, messages: diagnostics.map((d) => formatDiagnostic(d)) };
}

/** An ApplicationSet around some generators and a template, for generator tests. */
export function appSet({ generators, template, goTemplate = true, extra = '' }: { generators: string; template?: string; goTemplate?: boolean; extra?: string }): string {
  const indent = (text: string, by: string) => text.trim().split('\n').map((l) => by + l).join('\n');
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    '  name: test',
    '  namespace: argocd',
    'spec:',
    `  goTemplate: ${goTemplate}`,
    ...(extra ? [indent(extra, '  ')] : []),
    '  generators:',
    indent(generators, '    '),
    '  template:',
    indent(template ?? (goTemplate ? "metadata: {name: '{{.name}}'}\nspec: {project: default}" : "metadata: {name: '{{name}}'}\nspec: {project: default}"), '    '),
    '',
  ].join('\n');
}

/** The names of the Applications, the shortest summary of what a generator yielded. */
export const names = (result: Preview): string[] => result.applications.map((a) => a.metadata.name);

export { localRepository };
