import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import type { HelmValues } from '@fleetform/addons';
import { error, type Diagnostic } from '@fleetform/diagnostics';

/** Where a fleet vendors a chart version's files: its values.schema.json and, optionally, its values.yaml. */
export const chartDir = (chart: string, version: string): string => `charts/${chart}/${version}`;

/** A vendored chart schema, compiled. */
export interface ChartSchema {
  readonly file: string;
  readonly validate: ValidateFunction;
  /** The chart's default values (a vendored values.yaml): Helm checks its defaults and the user's values merged. */
  readonly defaults?: HelmValues;
}

// Not strict: charts' schemas are written for Helm's validator, which ignores keywords it does not know.
const OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false } as const;

/** The JSON Schema dialects Helm charts declare, and the Ajv class for each; draft-07 when they declare none. */
const DIALECTS: readonly [RegExp, () => Ajv][] = [
  [/2020-12/, () => new Ajv2020(OPTIONS)],
  [/2019-09/, () => new Ajv2019(OPTIONS)],
  [/draft-0[67]|^$/, () => new Ajv(OPTIONS)],
];

/**
 * The chart schemas a fleet vendors, read from its input files and compiled on first use. A schema
 * that is not JSON, or not a schema Ajv can compile, is reported once (FF312) and then skipped.
 */
export class ChartSchemas {
  private readonly compiled = new Map<string, ChartSchema | undefined>();
  readonly problems: Diagnostic[] = [];

  constructor(private readonly files: ReadonlyMap<string, string>) {}

  /** The vendored versions of a chart, in path order. */
  versionsOf(chart: string): string[] {
    const prefix = `charts/${chart}/`;
    return [...this.files.keys()].filter((p) => p.startsWith(prefix) && p.endsWith('/values.schema.json')).map((p) => p.slice(prefix.length, -'/values.schema.json'.length)).sort();
  }

  get(chart: string, version: string): ChartSchema | undefined {
    const dir = chartDir(chart, version);
    if (!this.compiled.has(dir)) this.compiled.set(dir, this.compile(dir));
    return this.compiled.get(dir);
  }

  private compile(dir: string): ChartSchema | undefined {
    const file = `${dir}/values.schema.json`;
    const text = this.files.get(file);
    if (text === undefined) return undefined;
    const fail = (found: string, hint: string) => {
      this.problems.push(error('FF312', `${file} is not a JSON Schema fleetform can check values with`, { position: { file, line: 1, col: 1 }, expected: 'a JSON Schema (draft-07, 2019-09 or 2020-12) as the chart ships it', found, hint }));
      return undefined;
    };
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch (cause) {
      return fail(`invalid JSON: ${(cause as Error).message}`, 'copy the file from the chart package (helm pull CHART --version VERSION --untar) unchanged');
    }
    const dialect = typeof (schema as { $schema?: unknown })?.$schema === 'string' ? (schema as { $schema: string }).$schema : '';
    const make = DIALECTS.find(([pattern]) => pattern.test(dialect))?.[1];
    if (!make) return fail(`$schema ${dialect}`, 'fleetform checks draft-07, 2019-09 and 2020-12 schemas; remove the file to skip the check');
    let validate: ValidateFunction;
    try {
      validate = make().compile(schema as object);
    } catch (cause) {
      return fail((cause as Error).message, 'copy the file from the chart package unchanged, or remove it to skip the check');
    }
    const defaultsFile = [`${dir}/values.yaml`, `${dir}/values.yml`].find((f) => this.files.has(f));
    if (defaultsFile === undefined) return { file, validate };
    try {
      return { file, validate, defaults: (parse(this.files.get(defaultsFile)!) as HelmValues | null) ?? {} };
    } catch (cause) {
      this.problems.push(error('FF312', `${defaultsFile} is not YAML`, { position: { file: defaultsFile, line: 1, col: 1 }, found: (cause as Error).message, hint: 'copy the file from the chart package unchanged' }));
      return { file, validate };
    }
  }
}
