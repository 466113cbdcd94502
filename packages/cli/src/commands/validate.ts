import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import { renderFleet } from '@fleetform/render';
import {
  BUNDLED_KUBERNETES,
  bundledSchemas,
  crdSchemas,
  FORMATS,
  isCrd,
  kubernetesSchemas,
  loadCrdsFrom,
  ManifestValidator,
  passed,
  readManifests,
  validateFleet,
  type OutputFormat,
  type ValidationReport,
} from '@fleetform/validate';
import { readInputs } from '@fleetform/values';
import { EXIT, type ExitCode, type Io } from '../io.js';

export interface ValidateOptions {
  readonly root: string;
  readonly format: OutputFormat;
  readonly kubernetesVersion?: string;
  readonly schemaDir: string[];
  readonly ignoreMissingSchemas: boolean;
}

/** `fleetform validate`: the fleet's values and every rendered object (no PATH), or the given manifest streams. */
export async function runValidate(io: Io, paths: readonly string[], options: ValidateOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  const version = options.kubernetesVersion;
  if (version !== undefined && !supports(version)) {
    io.err(`fleetform: --kubernetes-version ${version} is not available: this fleetform bundles the Kubernetes ${BUNDLED_KUBERNETES} schemas (use ${BUNDLED_KUBERNETES}.x)\n`);
    return EXIT.usage;
  }
  const crdDirs = [...options.schemaDir.map((d) => resolve(d))];
  if (await exists(join(root, 'schemas/crds'))) crdDirs.push(join(root, 'schemas/crds'));
  const loaded = await loadCrdsFrom(crdDirs);
  const report = paths.length > 0 ? await validatePaths(io, paths, loaded.crds, options) : await validateRenderedFleet(root, loaded.crds, options, version);
  const withLoadProblems: ValidationReport = { ...report, diagnostics: [...loaded.diagnostics, ...report.diagnostics] };
  io.out(FORMATS[options.format](withLoadProblems));
  return passed(withLoadProblems) ? EXIT.ok : EXIT.invalid;
}

function validatorFor(crds: readonly unknown[], options: ValidateOptions): ManifestValidator {
  const cacheDir = cacheDirOf(resolve(options.root));
  return new ManifestValidator([crdSchemas(crds.filter(isCrd), { cacheDir }), kubernetesSchemas, bundledSchemas], { ignoreMissingSchemas: options.ignoreMissingSchemas });
}

/** Compiled CRD validators live where JavaScript tools keep their caches: node_modules/.cache, or the temp folder. */
function cacheDirOf(root: string): string {
  return existsSync(join(root, 'node_modules')) ? join(root, 'node_modules/.cache/fleetform') : join(tmpdir(), 'fleetform-cache');
}

async function validatePaths(io: Io, paths: readonly string[], crds: readonly unknown[], options: ValidateOptions): Promise<ValidationReport> {
  const stdin = io.readStdin ?? (async () => '');
  const { files, manifests, diagnostics } = await readManifests(paths, process.cwd(), stdin);
  // A stream that ships a CRD validates its own custom resources.
  const validator = validatorFor([...crds, ...manifests.map((m) => m.object).filter(isCrd)], options);
  const resources = [];
  for (const manifest of manifests) resources.push(await validator.validate(manifest));
  return { files, resources, diagnostics, waived: [] };
}

async function validateRenderedFleet(root: string, crds: readonly unknown[], options: ValidateOptions, version: string | undefined): Promise<ValidationReport> {
  const files = await readInputs(root);
  const rendered = renderFleet(files);
  const empty = { files: 0, resources: [], waived: [] };
  if (!rendered.inputs || !rendered.layout) return { ...empty, diagnostics: [...rendered.diagnostics] };
  const { inputs } = rendered;
  const versionProblems: Diagnostic[] = [];
  const fleetVersion = inputs.fleet.value.kubernetesVersion;
  if (version === undefined && fleetVersion !== undefined && !supports(fleetVersion)) {
    versionProblems.push(
      error('FF304', `kubernetesVersion ${fleetVersion} is not available`, {
        position: inputs.fleet.source.positionOf(['kubernetesVersion']),
        path: '/kubernetesVersion',
        expected: `${BUNDLED_KUBERNETES}.x (the schemas this fleetform bundles)`,
        found: fleetVersion,
      }),
    );
  }
  const appCrds = [...inputs.apps.values()].flatMap((a) => a.resources.map((r) => r.object)).filter(isCrd);
  const validator = validatorFor([...crds, ...appCrds], options);
  return validateFleet(inputs, rendered.layout, validator, [...rendered.diagnostics, ...versionProblems], files);
}

const supports = (version: string): boolean => version === BUNDLED_KUBERNETES || version.startsWith(`${BUNDLED_KUBERNETES}.`);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

