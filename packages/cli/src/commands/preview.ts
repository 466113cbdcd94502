import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error, hasErrors, type Diagnostic } from '@fleetform/diagnostics';
import { clustersFromFleet, clustersFromSecrets, formatTable, GitFailure, localRepository, previewFiles, type PreviewInput } from '@fleetform/preview';
import { toYamlStream } from '@fleetform/yaml';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { printDiagnostics } from '../report.js';

import { PREVIEW_FORMATS } from './formats.js';

export { PREVIEW_FORMATS };

export interface PreviewOptions {
  readonly root: string;
  readonly repo?: string;
  readonly clusters?: string;
  readonly format: (typeof PREVIEW_FORMATS)[number];
}

/** `fleetform preview`: the Applications the given ApplicationSets would generate, offline. */
export async function runPreview(io: Io, paths: readonly string[], options: PreviewOptions): Promise<ExitCode> {
  const problems: Diagnostic[] = [];
  const read = async (path: string): Promise<PreviewInput | undefined> => {
    if (path === '-') return { file: '<stdin>', text: io.readStdin ? await io.readStdin() : '' };
    try {
      return { file: path, text: await readFile(resolve(path), 'utf8') };
    } catch (cause) {
      const code = (cause as { code?: unknown }).code;
      problems.push(error('FF800', `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(code ?? cause)}`));
      return undefined;
    }
  };
  const inputs = (await Promise.all(paths.map(read))).filter((i): i is PreviewInput => i !== undefined);
  const secrets = options.clusters === undefined ? undefined : await read(options.clusters);
  if (problems.length > 0) {
    printDiagnostics(io, problems);
    return EXIT.invalid;
  }
  const sources = {
    clusters: secrets ? clustersFromSecrets(secrets.text, secrets.file) : clustersFromFleet(resolve(options.root)),
    git: localRepository(resolve(options.repo ?? '.')),
  };
  try {
    const { applications, diagnostics } = await previewFiles(inputs, sources);
    printDiagnostics(io, diagnostics);
    // Part of an answer would read as the whole one: with any error, print no Application.
    if (hasErrors(diagnostics)) return EXIT.invalid;
    if (applications.length === 0) io.err('fleetform: the ApplicationSets generate no Applications\n');
    else io.out(options.format === 'table' ? formatTable(applications) : toYamlStream(applications));
    return EXIT.ok;
  } catch (cause) {
    if (!(cause instanceof GitFailure)) throw cause;
    io.err(`fleetform: ${cause.message}\n`);
    return EXIT.usage;
  }
}
