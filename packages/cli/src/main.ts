import { Command, CommanderError, Option } from 'commander';
import { isFleetformError } from '@fleetform/diagnostics';
import type { DiffOptions } from './commands/diff.js';
import { DIFF_FORMATS, EXPLAIN_FORMATS, PREVIEW_FORMATS } from './commands/formats.js';
import type { PreviewOptions } from './commands/preview.js';
import { runRender } from './commands/render.js';
import type { ValidateOptions } from './commands/validate.js';
import { describeInternalError, EXIT, processIo, stopQuietlyOnClosedPipes, type ExitCode, type Io } from './io.js';
import { printDiagnostics } from './report.js';
import { FLEETFORM_VERSION } from './version.js';
import type { ExplainOptions } from './commands/explain.js';
import type { InitOptions } from './commands/init.js';
import type { NewAppOptions, NewClusterOptions } from './commands/new.js';
import type { ReportOptions } from './commands/report.js';
import { addHelpExamples, commandPath } from './help-examples.js';
import { NOT_A_TERMINAL, Output, processTerminal, type Terminal } from './output.js';

/** Builds the command-line program. Each action stores its exit code instead of exiting. */
export function program(rawIo: Io, setExit: (code: ExitCode) => void, output: Output = new Output(rawIo)): Command {
  // Every command writes through `output`: colour and progress on a terminal, --quiet and --verbose.
  // Captured or piped, what a command writes arrives unchanged.
  const io = output.io;
  const root = () => new Option('--root <dir>', 'the fleet repository root').default('.');
  const cli = new Command('fleetform')
    .description('Typed values to kustomize bases, regional overlays, sync waves and Argo CD Applications.')
    .version(FLEETFORM_VERSION, '--version', 'print the version of fleetform')
    .option('--debug', 'print stack traces of internal errors')
    .addOption(new Option('--quiet', 'print only problems and what the command produces: no status lines, no progress').conflicts('verbose'))
    .option('--verbose', 'print more: each file created, how long the command took')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run `fleetform --help` for usage)')
    .hook('preAction', (fleetform, command) => output.begin(commandPath(command), fleetform.opts()))
    .hook('postAction', (_, command) => output.end(commandPath(command)));

  cli
    .command('render')
    .description('write every generated file; with --check write nothing and exit 1 listing drifted files')
    .addOption(root())
    .option('--check', 'write nothing; exit 1 if any generated file is missing, changed or stale', false)
    .option('--no-cache', 'render every app, ignoring what the last render left in .fleetform/ (the result is the same, only slower)')
    .addOption(new Option('--watch', 'render, then render again each time a file under apps/, clusters/ or charts/ changes, until Ctrl-C').conflicts('check'))
    .action(async (options: { root: string; check: boolean; cache: boolean; watch?: boolean }) => {
      if (!options.watch) return setExit(await runRender(io, options));
      // A watch prints a line per render; a progress line would spin between them for as long as it runs.
      output.stop();
      setExit(await (await import('./commands/render-watch.js')).runRenderWatch(io, options));
    });

  cli
    .command('preview')
    .description('print the Applications Argo CD would generate from ApplicationSet manifests, offline: list, clusters, git, matrix and merge generators, fasttemplate and Go templates')
    .argument('<applicationsets...>', 'ApplicationSet manifest files, or - for standard input')
    .option('--clusters <file>', "Argo CD cluster secrets for the clusters generator (default: the fleet's clusters, under --root)")
    .option('--repo <dir>', 'the git repository the git generators read, whatever repoURL says (default: the one the current folder is in)')
    .addOption(root())
    .addOption(new Option('--format <format>', 'yaml (a multi-document stream), or table').choices(PREVIEW_FORMATS).default('yaml'))
    .action(async (paths: string[], options: PreviewOptions) => setExit(await (await import('./commands/preview.js')).runPreview(io, paths, options)));

  // bump and promote load git and GitHub clients, so they are imported only when they run.
  cli
    .command('bump')
    .description('set the image tag or digest of apps where a scope takes it from, re-render, and write the change or open a pull request')
    .argument('<targets...>', 'APP TAG, or one or more APP=TAG; a TAG may be @sha256:DIGEST; with --addon, ADDON VERSION; with --chart, APP VERSION')
    .addOption(root())
    .option('--env <name>', "only the clusters of this environment (the app's environment override)")
    .option('--region <name>', "only the clusters of this region (the app's region override)")
    .option('--cluster <name>', "only this cluster (the app's cluster override)")
    .option('--addon', "bump add-ons' chart versions instead (ADDON VERSION): fleet.yaml's, or with --cluster that cluster.yaml's", false)
    .option('--chart', "bump the chart versions of apps from Helm charts instead (APP VERSION): app.yaml's `chart.version`, or the scope's override", false)
    .option('--allow-downgrade', 'allow a lower semantic version than a cluster runs now', false)
    .option('--dry-run', 'print the plan, and with --pr the branch, commit and pull request; change nothing', false)
    .option('--pr', 'commit the change on a new branch, push it and open or update a GitHub pull request', false)
    .option('--remote <name>', 'with --pr, the git remote to push to (default origin)')
    .option('--base <branch>', "with --pr, the branch to merge into (default the remote's default branch)")
    .option('--api-url <url>', 'with --pr, the GitHub API URL (default GITHUB_API_URL, pullRequests.apiUrl, or from the remote)')
    .action(async (targets: string[], options: object) => {
      const { runBump } = await import('./commands/bump.js');
      setExit(await runBump(io, targets, options as Parameters<typeof runBump>[2]));
    });

  cli
    .command('promote')
    .description("take the image an app runs in one environment to the next in fleet.yaml's promotion order")
    .argument('<app>', 'the app to promote')
    .requiredOption('--from <env>', 'the environment whose image is promoted')
    .requiredOption('--to <env>', 'the environment that gets it: the next one in promotion order, unless --force')
    .addOption(root())
    .option('--force', 'allow skipping environments in between', false)
    .option('--allow-downgrade', 'allow a lower semantic version than a cluster of the target runs now', false)
    .option('--dry-run', 'print the plan, and with --pr the branch, commit and pull request; change nothing', false)
    .option('--pr', 'commit the change on a new branch, push it and open or update a GitHub pull request', false)
    .option('--remote <name>', 'with --pr, the git remote to push to (default origin)')
    .option('--base <branch>', "with --pr, the branch to merge into (default the remote's default branch)")
    .option('--api-url <url>', 'with --pr, the GitHub API URL (default GITHUB_API_URL, pullRequests.apiUrl, or from the remote)')
    .action(async (app: string, options: object) => {
      const { runPromote } = await import('./commands/promote.js');
      setExit(await runPromote(io, app, options as Parameters<typeof runPromote>[2]));
    });

  cli
    .command('diff')
    .description('render a git revision and the working tree, and print what changes per cluster and per object; exit 0 whether or not anything changed')
    .addOption(root())
    .option('--base <ref>', 'the git revision to compare with: a branch, tag or commit', 'HEAD')
    .addOption(new Option('--format <format>', 'text, or markdown for a pull-request comment').choices(DIFF_FORMATS).default('text'))
    .action(async (options: DiffOptions) => setExit(await (await import('./commands/diff.js')).runDiff(io, options)));

  cli
    .command('validate')
    .description("validate the fleet's values and every rendered object, or the given manifest files, folders and - (stdin), like kubeconform -strict")
    .argument('[paths...]', 'manifest files or folders (.yaml, .yml, .json), or - for standard input')
    .addOption(root())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github']).default('text'))
    .option('--kubernetes-version <version>', "Kubernetes version of the schemas (default: kubernetesVersion in clusters/fleet.yaml)")
    .option('--schema-dir <dir>', 'a folder of CRDs to validate custom resources against (repeatable)', (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .option('--ignore-missing-schemas', 'skip kinds with no schema instead of failing on them', false)
    .action(async (paths: string[], options: ValidateOptions) => setExit(await (await import('./commands/validate.js')).runValidate(io, paths, options)));

  cli
    .command('explain')
    .description('the values of an app on a cluster, each with the file:line and the layer that set it, and its objects in sync-wave order')
    .argument('<app>', 'the app')
    .requiredOption('--cluster <name>', 'the cluster')
    .addOption(root())
    .addOption(new Option('--format <format>', 'text, or json for scripts').choices(EXPLAIN_FORMATS).default('text'))
    .action(async (app: string, options: ExplainOptions) => setExit(await (await import('./commands/explain.js')).runExplain(output, app, options)));

  // Each command's code is imported when it runs, so a command pays only for its own start-up.
  cli
    .command('report')
    .description('write the fleet on one self-contained HTML page: image tags per app and cluster with the ones that differ from the previous environment, the promotion path, sync waves, the validation result; exit 0 once the page is written, valid or not')
    .requiredOption('--out <file>', 'the HTML file to write')
    .addOption(root())
    .action(async (options: ReportOptions) => setExit(await (await import('./commands/report.js')).runReport(output, options)));

  cli
    .command('init')
    .description('start a fleet repository in DIR: package.json, clusters/fleet.yaml with one region, one cluster, one example app, the schemas, the pull-request workflow and a README; it renders and validates as it is, and init never overwrites a file')
    .argument('<dir>', 'the folder of the new repository, created if missing')
    .option('--repo-url <url>', "the repository's clone URL, which each cluster's Argo CD pulls (default a placeholder to replace)")
    .option('--region <name>', 'the first region', 'us-east-1')
    .option('--registry <host>', "the first region's image registry", 'registry.example.com')
    .action(async (dir: string, options: InitOptions) => setExit(await (await import('./commands/init.js')).runInit(output, dir, options)));

  const add = cli
    .command('new')
    .description('add a commented value file, never overwriting one: `new app NAME [--image REPO:TAG] [--team T]` or `new cluster NAME --env E --region R`');
  add
    .command('app')
    .description('add apps/NAME/app.yaml: a Deployment with a port, probes, resources and a Service, ready to render')
    .argument('<name>', 'the app, a DNS-1123 label')
    .addOption(root())
    .option('--image <ref>', "REPOSITORY:TAG from each cluster's region registry, or REGISTRY/REPOSITORY:TAG (default NAME:0.1.0, a placeholder)")
    .option('--team <team>', 'the owning team, also the Argo CD project of its Applications', 'platform')
    .action(async (name: string, options: NewAppOptions) => setExit(await (await import('./commands/new.js')).runNewApp(output, name, options)));
  add
    .command('cluster')
    .description('add clusters/NAME/cluster.yaml in an environment and a region that clusters/fleet.yaml declares')
    .argument('<name>', 'the cluster, a DNS-1123 label')
    .requiredOption('--env <name>', 'its environment')
    .requiredOption('--region <name>', 'its region')
    .addOption(root())
    .action(async (name: string, options: NewClusterOptions) => setExit(await (await import('./commands/new.js')).runNewCluster(output, name, options)));

  addHelpExamples(cli);
  return cli;
}

/** Runs the command line and returns its exit code: 0 ok, 1 invalid input or drift, 2 usage or internal error. */
export async function main(argv: readonly string[], io: Io = processIo, terminal: Terminal = io === processIo ? processTerminal() : NOT_A_TERMINAL): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  if (io === processIo) stopQuietlyOnClosedPipes();
  const output = new Output(io, terminal);
  const cli = program(io, (c) => (code = c), output);
  try {
    await cli.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (cause) {
    output.stop();
    if (cause instanceof CommanderError) {
      return cause.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isFleetformError(cause)) {
      printDiagnostics(output.io, cause.diagnostics);
      return EXIT.invalid;
    }
    const debug = argv.includes('--debug');
    io.err(`fleetform: internal error: ${describeInternalError(cause)}\n`);
    io.err(debug && cause instanceof Error && cause.stack ? `${cause.stack}\n` : 'run again with --debug for the stack trace, and please report it\n');
    return EXIT.usage;
  }
}
