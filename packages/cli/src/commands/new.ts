import { resolve } from 'node:path';
import type { Diagnostic } from '@fleetform/diagnostics';
import { checkName, checkPlacement, loadTemplates, parseImage, readFleetFacts, scaffoldApp, scaffoldCluster, writeNewFiles, type ImageValues, type ScaffoldFile } from '@fleetform/scaffold';
import { EXIT, type ExitCode } from '../io.js';
import type { Output } from '../output.js';
import { printDiagnostics } from '../report.js';

export interface NewAppOptions {
  readonly root: string;
  readonly image?: string;
  readonly team: string;
}

export interface NewClusterOptions {
  readonly root: string;
  readonly env: string;
  readonly region: string;
}

/** `fleetform new app NAME`: apps/NAME/app.yaml, commented, that renders as it is. */
export async function runNewApp(output: Output, name: string, options: NewAppOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  const { facts, diagnostics } = await readFleetFacts(root);
  // Without an image the app pulls NAME:0.1.0 from each cluster's region registry: a placeholder to change.
  const image = parseImage(options.image ?? `${name}:0.1.0`);
  const problems: Diagnostic[] = [...diagnostics, ...checkName('app', name), ...checkName('team', options.team), ...('code' in image ? [image] : [])];
  if (!facts || problems.length > 0) return refuse(output, problems);
  const file = scaffoldApp(await loadTemplates(), facts, { name, team: options.team, image: image as ImageValues });
  return write(output, root, file, `app ${name}: image ${options.image ?? `${name}:0.1.0 (a placeholder, from each region's registry)`}, team ${options.team}`);
}

/** `fleetform new cluster NAME --env E --region R`: clusters/NAME/cluster.yaml, in an environment and region fleet.yaml declares. */
export async function runNewCluster(output: Output, name: string, options: NewClusterOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  const { facts, diagnostics } = await readFleetFacts(root);
  const problems: Diagnostic[] = [...diagnostics, ...checkName('cluster', name), ...(facts ? checkPlacement(facts, options.env, options.region) : [])];
  if (!facts || problems.length > 0) return refuse(output, problems);
  const file = scaffoldCluster(await loadTemplates(), facts, { name, environment: options.env, region: options.region });
  return write(output, root, file, `cluster ${name} in environment ${options.env}, region ${options.region}`);
}

function refuse(output: Output, problems: readonly Diagnostic[]): ExitCode {
  printDiagnostics(output.io, problems);
  return EXIT.invalid;
}

async function write(output: Output, root: string, file: ScaffoldFile, what: string): Promise<ExitCode> {
  const refused = await writeNewFiles(root, [file]);
  if (refused.length > 0) return refuse(output, refused);
  output.status(`fleetform: created ${file.path}, ${what}\nnext: review it, then \`fleetform render\`\n`);
  return EXIT.ok;
}
