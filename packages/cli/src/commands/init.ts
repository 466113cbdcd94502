import { basename, relative, resolve } from 'node:path';
import type { Diagnostic } from '@fleetform/diagnostics';
import { checkName, EXAMPLE_APP, loadTemplates, scaffoldFleet, writeNewFiles } from '@fleetform/scaffold';
import { FLEETFORM_VERSION } from '../version.js';
import { EXIT, type ExitCode } from '../io.js';
import type { Output } from '../output.js';
import { printDiagnostics } from '../report.js';

export interface InitOptions {
  readonly repoUrl?: string;
  readonly region: string;
  readonly registry: string;
}


/** `fleetform init DIR`: a new fleet repository that renders and validates as it is. */
export async function runInit(output: Output, dir: string, options: InitOptions): Promise<ExitCode> {
  const { io } = output;
  const root = resolve(dir);
  const name = basename(root);
  const problems: Diagnostic[] = checkName('region', options.region);
  if (problems.length > 0) {
    printDiagnostics(io, problems);
    return EXIT.invalid;
  }
  const repoURL = options.repoUrl ?? `https://github.com/example-org/${name}.git`;
  const files = scaffoldFleet(await loadTemplates(), { name, repoURL, region: options.region, registry: options.registry, fleetformVersion: `^${FLEETFORM_VERSION}` });
  const refused = await writeNewFiles(root, files, 'init writes nothing unless every file is new: start in an empty folder, or add to an existing fleet with `fleetform new`');
  if (refused.length > 0) {
    printDiagnostics(io, refused);
    return EXIT.invalid;
  }
  for (const file of files) output.detail(`created ${file.path}\n`);
  const shown = relative(process.cwd(), root) || '.';
  const cluster = files.find((f) => f.path.endsWith('/cluster.yaml'))!.path.split('/')[1];
  output.status(
    [
      `fleetform: created the ${name} fleet in ${shown}: ${files.length} files, one region (${options.region}), one cluster (${cluster}), one app (${EXAMPLE_APP.name})`,
      '',
      'next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      '  npm install                                      # fleetform, pinned in package-lock.json',
      '  npx fleetform render && npx fleetform validate   # write the manifests, check every one',
      '  git init && git add -A && git commit -m "A new fleet"',
      ...(options.repoUrl ? [] : [`then set git.repoURL in clusters/fleet.yaml to this repository's clone URL (it is ${repoURL} for now)`]),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
