import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { collectReport, countDiffering, renderReportPage, type ReportProblem, type ReportValidation } from '@fleetform/report';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { EXIT, type ExitCode } from '../io.js';
import type { Output } from '../output.js';
import { printDiagnostics } from '../report.js';
import { runValidate } from './validate.js';

export interface ReportOptions {
  readonly root: string;
  readonly out: string;
}

/** `fleetform validate --format json`, as far as the page needs it. */
interface ValidateJson {
  readonly resources: readonly { kind?: string; name?: string; cluster?: string; errors: readonly JsonProblem[] }[];
  readonly errors: readonly JsonProblem[];
  readonly waived: readonly JsonProblem[];
  readonly summary: { resources: number; valid: number; invalid: number; errors: number; skipped: number };
}

interface JsonProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly hint?: string;
}

const problem = (p: JsonProblem, subject?: string): ReportProblem => ({
  severity: p.severity,
  code: p.code,
  message: p.message,
  ...(p.file ? { where: `${p.file}:${p.line}:${p.column}` } : {}),
  ...(subject ? { subject } : {}),
  ...(p.hint ? { hint: p.hint } : {}),
});

/**
 * Exactly what `fleetform validate` says about the fleet: the command itself runs, with its JSON
 * output, so the page and the command can never disagree.
 */
async function validateLikeTheCommand(root: string): Promise<ReportValidation> {
  let json = '';
  const code = await runValidate({ out: (t) => (json += t), err: () => undefined }, [], { root, format: 'json', schemaDir: [], ignoreMissingSchemas: false });
  const result = JSON.parse(json) as ValidateJson;
  return {
    passed: code === EXIT.ok,
    ...result.summary,
    problems: [
      ...result.errors.map((p) => problem(p)),
      ...result.resources.flatMap((r) => r.errors.map((p) => problem(p, `${r.kind ?? '?'}/${r.name ?? '?'}${r.cluster ? ` on ${r.cluster}` : ''}`))),
    ],
    waived: result.waived.map((p) => problem(p)),
  };
}

/** `fleetform report --out FILE.html`: the fleet on one self-contained page. */
export async function runReport(output: Output, options: ReportOptions): Promise<ExitCode> {
  const { io } = output;
  const root = resolve(options.root);
  output.step('rendering the fleet');
  const rendered = renderFleet(await readInputs(root));
  if (!rendered.inputs || !rendered.layout) {
    printDiagnostics(io, rendered.diagnostics);
    io.err('fleetform: no report: the fleet does not render\n');
    return EXIT.invalid;
  }
  output.step('validating every value file and object');
  const validation = await validateLikeTheCommand(root);
  output.step('writing the page');
  const report = collectReport(rendered.inputs, rendered.layout, validation);
  const out = resolve(options.out);
  await writeAtomically(out, renderReportPage(report));
  const clusters = rendered.inputs.clusters.size;
  const differ = countDiffering(report);
  output.status(
    `fleetform: wrote ${relative(process.cwd(), out) || out}: ${report.apps.length} app${report.apps.length === 1 ? '' : 's'} on ${clusters} cluster${clusters === 1 ? '' : 's'}, ` +
      `${differ} tag${differ === 1 ? ' differs' : 's differ'} from the previous environment, validation ${validation.passed ? 'passed' : 'failed'}\n`,
  );
  return EXIT.ok;
}

/** A reader never sees half a page: write beside it, then rename over it. */
async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.fleetform-tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
