import { error, type Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream, type ParseResult, type SourceDocument } from '@fleetform/yaml';
import type { App, Cluster, Fleet } from './generated/values.js';
import { checkAcrossFiles } from './cross-checks.js';
import { appFile, folderName, FLEET_FILE } from './paths.js';
import type { InputFiles } from './read-inputs.js';
import { parseRawResources } from './raw-resources.js';
import { validateValueFile, type ValueFileKind } from './schema-validator.js';
import type { AppFiles, ClusterFile, FleetInputs, RawResource, ValueFile } from './types.js';

export interface LoadResult {
  /** Present when every file parsed and validated; absent when any error was found. */
  readonly inputs?: FleetInputs;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses and validates every input of a fleet: each file against its schema, then the files
 * against each other. Collects all problems rather than stopping at the first.
 */
/** Parses one YAML text: parseYamlStream, or a ParseMemo's parse that remembers earlier runs. */
export type ParseYaml = (text: string, file: string) => ParseResult;

export function loadFleet(files: InputFiles, parseYaml: ParseYaml = parseYamlStream): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const parse = <T>(file: string, kind: ValueFileKind): ValueFile<T> | undefined => {
    const source = parseSingle(file, files.get(file) ?? '', diagnostics, parseYaml);
    if (!source) return undefined;
    diagnostics.push(...validateValueFile(kind, source));
    // Kept even when invalid: the checks across files still run on it, so one pass reports everything.
    return { file, source, value: source.value as T };
  };

  if (!files.has(FLEET_FILE)) {
    return {
      diagnostics: [
        error('FF100', `no ${FLEET_FILE} here`, {
          hint: 'run fleetform from the fleet repository root or pass --root; `fleetform init DIR` starts a new fleet',
        }),
      ],
    };
  }
  const fleet = parse<Fleet>(FLEET_FILE, 'fleet');

  const clusters = new Map<string, ClusterFile>();
  const apps = new Map<string, AppFiles>();
  // In path order whatever order the map was filled in: the order of apps, clusters and raw
  // resources reaches the output (an ApplicationSet lists its apps in it), and output must not
  // depend on how the files happened to be read.
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    if (/^clusters\/[^/]+\/cluster\.yaml$/.test(path)) {
      const loaded = parse<Cluster>(path, 'cluster');
      if (loaded) clusters.set(folderName(path), { ...loaded, name: folderName(path) });
    } else if (/^apps\/[^/]+\/app\.yaml$/.test(path)) {
      const name = folderName(path);
      const loaded = parse<App>(path, 'app');
      const resources = parseResourcesOf(name, paths, files, diagnostics, parseYaml);
      if (loaded) apps.set(name, { ...loaded, name, resources });
    }
  }
  for (const path of paths) {
    const orphan = /^apps\/([^/]+)\/resources\//.exec(path);
    if (orphan && !files.has(appFile(orphan[1]!))) {
      diagnostics.push(
        error('FF108', `raw resources without an app.yaml`, {
          position: { file: path, line: 1, col: 1 },
          hint: `create ${appFile(orphan[1]!)} (fleetform new app ${orphan[1]}) or move the file`,
        }),
      );
    }
  }
  if (!fleet) return { diagnostics };
  const inputs: FleetInputs = { fleet, clusters, apps };
  diagnostics.push(...checkAcrossFiles(inputs));
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { inputs, diagnostics };
}

function parseSingle(file: string, text: string, diagnostics: Diagnostic[], parseYaml: ParseYaml): SourceDocument | undefined {
  const { documents, diagnostics: problems } = parseYaml(text, file);
  diagnostics.push(...problems);
  if (problems.length > 0) return undefined;
  if (documents.length !== 1 || typeof documents[0]!.value !== 'object' || Array.isArray(documents[0]!.value)) {
    diagnostics.push(
      error('FF003', 'a value file holds exactly one YAML mapping', {
        position: { file, line: 1, col: 1 },
        found: documents.length === 0 ? 'an empty file' : documents.length > 1 ? `${documents.length} documents` : Array.isArray(documents[0]!.value) ? 'a list' : `a ${typeof documents[0]!.value}`,
      }),
    );
    return undefined;
  }
  return documents[0];
}

function parseResourcesOf(app: string, paths: readonly string[], files: InputFiles, diagnostics: Diagnostic[], parseYaml: ParseYaml): RawResource[] {
  const resources: RawResource[] = [];
  const prefix = `apps/${app}/resources/`;
  for (const path of paths) {
    if (path.startsWith(prefix)) resources.push(...parseRawResources(path, files.get(path)!, diagnostics, parseYaml));
  }
  return resources;
}
