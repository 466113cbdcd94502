import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { schemasOfCrd, type JsonSchema } from './convert.js';

export type CrdValidator = (object: unknown) => readonly ErrorObject[];

export interface CompileOptions {
  /**
   * A folder to keep compiled validators in, so a CRD is compiled once and not on every run (Argo CD's
   * three CRDs take about two seconds). Entries are keyed by the schema and the ajv build; a missing
   * or unreadable entry is compiled again.
   */
  readonly cacheDir?: string;
}

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, validate: ValidateFunction) => string }).default;
const AJV_OPTIONS = { strict: false, allErrors: true, allowUnionTypes: true, code: { source: true } } as const;
const AJV_BUILD = `${(require('ajv/package.json') as { version: string }).version} ${require.resolve('ajv')}`;

/** Compiled strict validators for the served versions of some CRDs, keyed by `apiVersion kind`. */
export function compileCrdValidators(crds: readonly Parameters<typeof schemasOfCrd>[0][], options: CompileOptions = {}): Map<string, CrdValidator> {
  let ajv: Ajv | undefined;
  const validators = new Map<string, CrdValidator>();
  for (const crd of crds) {
    for (const [key, schema] of schemasOfCrd(crd)) {
      const validate = loadCached(schema, options.cacheDir) ?? compileAndCache(schema, (ajv ??= new Ajv(AJV_OPTIONS)), options.cacheDir);
      validators.set(key, (object) => (validate(object) ? [] : [...(validate.errors ?? [])]));
    }
  }
  return validators;
}

function cacheFile(schema: JsonSchema, cacheDir: string): string {
  const hash = createHash('sha256').update(AJV_BUILD).update(JSON.stringify(schema)).digest('hex').slice(0, 32);
  return join(cacheDir, `crd-${hash}.cjs`);
}

function loadCached(schema: JsonSchema, cacheDir: string | undefined): ValidateFunction | undefined {
  if (!cacheDir) return undefined;
  try {
    const file = cacheFile(schema, cacheDir);
    readFileSync(file);
    return require(file) as ValidateFunction;
  } catch {
    return undefined;
  }
}

function compileAndCache(schema: JsonSchema, ajv: Ajv, cacheDir: string | undefined): ValidateFunction {
  const validate = ajv.compile(schema);
  if (!cacheDir) return validate;
  // The generated module requires ajv's runtime helpers; point those at this package's ajv, whatever
  // ajv the folder the cache lives in would resolve.
  const code = standaloneCode(ajv, validate).replace(/require\("(ajv\/dist\/[^"]+)"\)/g, (_: string, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = cacheFile(schema, cacheDir);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next run a compile.
  }
  return validate;
}
