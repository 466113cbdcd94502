import { Command, CommanderError, Option } from 'commander';
import { isFleetformError } from '@fleetform/diagnostics';
import { DIFF_FORMATS, runDiff, type DiffOptions } from './commands/diff.js';
import { runRender } from './commands/render.js';
import { runValidate, type ValidateOptions } from './commands/validate.js';
import { EXIT, processIo, type ExitCode, type Io } from './io.js';
import { printDiagnostics } from './report.js';

/** Builds the command-line program. Each action stores its exit code instead of exiting. */
export function program(io: Io, setExit: (code: ExitCode) => void): Command {
  const root = () => new Option('--root <dir>', 'the fleet repository root').default('.');
  const cli = new Command('fleetform')
    .description('Typed values to kustomize bases, regional overlays, sync waves and Argo CD Applications.')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run `fleetform --help` for usage)');

  cli
    .command('render')
    .description('write every generated file; with --check write nothing and exit 1 listing drifted files')
    .addOption(root())
    .option('--check', 'write nothing; exit 1 if any generated file is missing, changed or stale', false)
    .action(async (options: { root: string; check: boolean }) => setExit(await runRender(io, options)));

  cli
    .command('diff')
    .description('render a git revision and the working tree, and print what changes per cluster and per object; exit 0 whether or not anything changed')
    .addOption(root())
    .option('--base <ref>', 'the git revision to compare with: a branch, tag or commit', 'HEAD')
    .addOption(new Option('--format <format>', 'text, or markdown for a pull-request comment').choices(DIFF_FORMATS).default('text'))
    .action(async (options: DiffOptions) => setExit(await runDiff(io, options)));

  cli
    .command('validate')
    .description("validate the fleet's values and every rendered object, or the given manifest files, folders and - (stdin), like kubeconform -strict")
    .argument('[paths...]', 'manifest files or folders (.yaml, .yml, .json), or - for standard input')
    .addOption(root())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github']).default('text'))
    .option('--kubernetes-version <version>', "Kubernetes version of the schemas (default: kubernetesVersion in clusters/fleet.yaml)")
    .option('--schema-dir <dir>', 'a folder of CRDs to validate custom resources against (repeatable)', (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .option('--ignore-missing-schemas', 'skip kinds with no schema instead of failing on them', false)
    .action(async (paths: string[], options: ValidateOptions) => setExit(await runValidate(io, paths, options)));

  return cli;
}

/** Runs the command line and returns its exit code: 0 ok, 1 invalid input or drift, 2 usage or internal error. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const cli = program(io, (c) => (code = c));
  try {
    await cli.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (cause) {
    if (cause instanceof CommanderError) {
      return cause.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isFleetformError(cause)) {
      printDiagnostics(io, cause.diagnostics);
      return EXIT.invalid;
    }
    const debug = argv.includes('--debug');
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    io.err(`fleetform: internal error: ${message}\n`);
    io.err(debug && cause instanceof Error && cause.stack ? `${cause.stack}\n` : 'run again with --debug for the stack trace, and please report it\n');
    return EXIT.usage;
  }
}
