import { resolve } from 'node:path';
import { didYouMean, error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';
import { SYNC_WAVE_ANNOTATION, type KubeObject } from '@fleetform/objects';
import { renderFleet } from '@fleetform/render';
import { resolveInstances, type Layer } from '@fleetform/resolve';
import { readInputs, type FleetInputs } from '@fleetform/values';
import type { PathSegment, SourceDocument } from '@fleetform/yaml';
import { EXIT, type ExitCode } from '../io.js';
import type { Colours, Output } from '../output.js';
import { printDiagnostics } from '../report.js';
import { valueOrigins } from '../value-origins.js';

import { EXPLAIN_FORMATS } from './formats.js';

export { EXPLAIN_FORMATS };

export interface ExplainOptions {
  readonly root: string;
  readonly cluster: string;
  readonly format: (typeof EXPLAIN_FORMATS)[number];
}

interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What `explain` prints, in either format: plain data, in a fixed order. */
export interface Explanation {
  readonly app: string;
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  /** Every layer, lowest first; the line of those that set anything for this app. */
  readonly layers: readonly ({ name: string; file: string; setsValues: boolean } & Partial<Located>)[];
  readonly values: readonly ({ path: string; value: unknown; layer: string } & Located)[];
  /** The objects the cluster gets, in sync-wave order; absent when the fleet does not render. */
  readonly objects?: readonly { wave: number; apiVersion: string; kind: string; name: string; namespace?: string }[];
}

/** `fleetform explain APP --cluster C`: the app's values on the cluster, where each comes from, and its objects in sync-wave order. */
export async function runExplain(output: Output, app: string, options: ExplainOptions): Promise<ExitCode> {
  const { io } = output;
  output.step('rendering the fleet');
  const rendered = renderFleet(await readInputs(resolve(options.root)));
  const { inputs } = rendered;
  if (!inputs) {
    printDiagnostics(io, rendered.diagnostics);
    return EXIT.invalid;
  }
  const instance = inputs.apps.has(app) ? resolveInstances(inputs, app).find((i) => i.cluster === options.cluster) : undefined;
  if (!instance) {
    printDiagnostics(io, whyNot(inputs, app, options.cluster));
    return EXIT.invalid;
  }
  const locate = locator(inputs);
  const objects = rendered.layout?.clusters.get(options.cluster)?.apps.get(app);
  const explanation: Explanation = {
    app,
    cluster: instance.cluster,
    environment: instance.environment,
    region: instance.region,
    layers: instance.layers.map((layer) => {
      if (!hasValues(layer)) return { name: layer.name, file: layer.file, setsValues: false };
      const { file, line, column } = locate(layer, []);
      return { name: layer.name, file, setsValues: true, line, column };
    }),
    values: valueOrigins(instance.values, instance.layers).map(({ path, value, layer }) => ({ path: pointer(path), value, layer: layer.name, ...locate(layer, path) })),
    ...(objects ? { objects: inSyncWaveOrder(objects) } : {}),
  };
  output.stop();
  io.out(options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, output.colours.out));
  if (!rendered.layout) {
    printDiagnostics(io, rendered.diagnostics);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

/** An unknown app, an unknown cluster, or an app that does not run there: each says what would be right. */
function whyNot(inputs: FleetInputs, app: string, cluster: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const apps = [...inputs.apps.keys()];
  const clusters = [...inputs.clusters.keys()];
  if (!inputs.apps.has(app)) {
    problems.push(error('FF910', `unknown app \`${app}\``, { expected: `an app of apps/: ${listed(apps)}`, found: `\`${app}\``, hint: didYouMean(app, apps) }));
  }
  if (!inputs.clusters.has(cluster)) {
    problems.push(error('FF911', `unknown cluster \`${cluster}\``, { expected: `a cluster of clusters/: ${listed(clusters)}`, found: `\`${cluster}\``, hint: didYouMean(cluster, clusters) }));
  }
  if (problems.length > 0) return problems;
  const files = inputs.apps.get(app)!;
  const runsOn = resolveInstances(inputs, app).map((i) => i.cluster);
  return [
    error('FF912', `app \`${app}\` does not run on cluster \`${cluster}\``, {
      position: files.value.targets ? files.source.positionOf(['targets']) : { file: files.file, line: 1, col: 1 },
      path: files.value.targets ? '/targets' : undefined,
      hint: runsOn.length > 0 ? `it runs on ${listed(runsOn)}` : 'its targets select no cluster',
    }),
  ];
}

const listed = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.map((n) => `\`${n}\``).join(', '));

const hasValues = (layer: Layer): boolean => layer.values !== undefined && layer.values !== null && Object.keys(layer.values).length > 0;

/** The file, line and column a value of a layer is written at. */
function locator(inputs: FleetInputs): (layer: Layer, path: readonly PathSegment[]) => Located {
  const sources = new Map<string, SourceDocument>([[inputs.fleet.file, inputs.fleet.source]]);
  for (const files of [inputs.clusters, inputs.apps]) for (const { file, source } of files.values()) sources.set(file, source);
  return (layer, path) => {
    const position: SourcePosition = sources.get(layer.file)?.positionOf([...layer.path, ...path]) ?? { file: layer.file, line: 1, col: 1 };
    return { file: position.file, line: position.line, column: position.col };
  };
}

/** A JSON pointer (RFC 6901), the way every fleetform diagnostic names a path. */
const pointer = (path: readonly string[]): string => path.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Objects by sync wave, lowest first; within a wave, in the order the app builds them. */
function inSyncWaveOrder(objects: readonly KubeObject[]): NonNullable<Explanation['objects']> {
  return objects
    .map((object) => ({
      wave: Number(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0),
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    }))
    .sort((a, b) => a.wave - b.wave);
}

/** `image.tag`, or `labels["app.kubernetes.io/part-of"]` for keys that are not plain words. */
function dotted(pointerPath: string): string {
  const keys = pointerPath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  return keys.map((key, i) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('');
}

function show(value: unknown): string {
  if (typeof value === 'string') return /^[\w./:@=+-][\w./:@=+ -]*$/.test(value) && value.trim() === value ? value : JSON.stringify(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));
const widest = (texts: readonly string[], cap: number): number => Math.min(cap, Math.max(0, ...texts.map((t) => t.length)));

/** The explanation for a person: the layers, each value with the file:line and layer it comes from, the objects by wave. */
export function formatExplanation(e: Explanation, c: Colours): string {
  const lines = [`${c.bold(e.app)} on ${c.bold(e.cluster)} (environment ${e.environment}, region ${e.region})`, ''];

  lines.push('layers, lowest first; a later one wins:');
  const layerWidth = widest(e.layers.map((l) => l.name), 60);
  e.layers.forEach((layer, i) => {
    lines.push(`  ${i + 1}  ${pad(layer.name, layerWidth)}  ${c.dim(layer.setsValues ? `${layer.file}:${layer.line}` : `${layer.file} (sets nothing)`)}`);
  });

  lines.push('', 'values, each with where it is set:');
  const rows = e.values.map((v) => ({ left: `${dotted(v.path)}: ${show(v.value)}`, where: `${v.file}:${v.line}`, layer: v.layer }));
  const leftWidth = widest(rows.map((r) => r.left), 72);
  const whereWidth = widest(rows.map((r) => r.where), 48);
  for (const row of rows) lines.push(`  ${pad(row.left, leftWidth)}  ${c.dim(pad(row.where, whereWidth))}  ${c.cyan(row.layer)}`);

  lines.push('');
  if (!e.objects) {
    lines.push('objects: none, the fleet does not render (the errors follow)');
  } else {
    lines.push(`objects on ${e.cluster}, in sync-wave order:`);
    const waveWidth = widest(e.objects.map((o) => String(o.wave)), 4);
    const kindWidth = widest(e.objects.map((o) => o.kind), 40);
    for (const o of e.objects) {
      lines.push(`  wave ${String(o.wave).padStart(waveWidth)}  ${pad(o.kind, kindWidth)}  ${o.namespace ? `${o.namespace}/` : ''}${o.name}`);
    }
  }
  return `${lines.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
