import { resolve } from 'node:path';
import { applyChanges, hasChanges, planChanges, type ChangePlan } from '@fleetform/emit';
import { GENERATED_MARKER } from '@fleetform/layout';
import { renderFleet } from '@fleetform/render';
import { isInputFile, readInputs } from '@fleetform/values';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { printDiagnostics } from '../report.js';

export interface RenderOptions {
  readonly root: string;
  readonly check: boolean;
}

export const OWNERSHIP = {
  folders: ['apps', 'clusters'],
  isGenerated: (head: string) => head.startsWith(GENERATED_MARKER),
  isInput: isInputFile,
} as const;

/** `fleetform render`: write every generated file, or with --check list what is out of date. */
export async function runRender(io: Io, options: RenderOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  const result = renderFleet(await readInputs(root));
  printDiagnostics(io, result.diagnostics);
  if (!result.layout) return EXIT.invalid;
  const { files, clusters } = result.layout;
  const plan = await planChanges(root, files, OWNERSHIP);
  if (options.check) {
    if (!hasChanges(plan)) {
      io.out(`fleetform: ${files.size} generated files are up to date\n`);
      return EXIT.ok;
    }
    io.err(describeDrift(plan));
    io.err('run `fleetform render` and commit the result\n');
    return EXIT.invalid;
  }
  await applyChanges(root, files, plan);
  const apps = result.inputs?.apps.size ?? 0;
  io.out(
    `fleetform: rendered ${apps} app${apps === 1 ? '' : 's'} on ${clusters.size} cluster${clusters.size === 1 ? '' : 's'}: ` +
      `${plan.create.length} created, ${plan.update.length} updated, ${plan.remove.length} removed, ${plan.unchanged} unchanged\n`,
  );
  return EXIT.ok;
}

function describeDrift(plan: ChangePlan): string {
  const lines = [
    ...plan.create.map((p) => `missing   ${p}`),
    ...plan.update.map((p) => `changed   ${p}`),
    ...plan.remove.map((p) => `stale     ${p}`),
  ];
  return `fleetform: ${lines.length} generated file${lines.length === 1 ? ' is' : 's are'} out of date:\n${lines.map((l) => `  ${l}\n`).join('')}`;
}
