import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

type Schema = Record<string, unknown>;
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Schema;
}
interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly (Parameter | { $ref: string })[];
  readonly requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> } | { $ref: string };
  readonly responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Spec {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: Record<string, Record<string, unknown>>;
}

export interface MatchedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  /** The JSON pointer of the operation inside the description. */
  readonly pointer: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly operation: Operation;
}

/** Statuses GitHub may answer on any endpoint, with a basic-error body, though not every operation lists them. */
const GENERIC_ERRORS = new Set([401, 403, 404, 409, 422, 429, 500, 502, 503, 504]);

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * GitHub's own OpenAPI description of its REST API (from @octokit/openapi), used to check what a
 * client sends and what a test server answers: method and path must name a documented operation,
 * parameters and bodies must match its schemas.
 */
export class GitHubContract {
  private readonly ajv: Ajv.Ajv;
  private readonly routes: { method: string; template: string; pattern: RegExp; names: string[] }[];
  private readonly validators = new Map<string, Ajv.ValidateFunction>();

  private constructor(private readonly spec: Spec) {
    this.ajv = new Ajv({
      nullable: true,
      allErrors: true,
      validateSchema: false,
      // The description is OpenAPI, not JSON Schema: its examples carry `id` fields ajv would warn about.
      logger: false,
      // Keys the cache by object instead of serialising the 13 MB description (seconds per test file).
      serialize: false,
      cache: identityCache(),
      formats: {
        int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 },
        int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
        double: { type: 'number', validate: () => true },
        'repo.nwo': /^[^/\s]+\/[^/\s]+$/,
        binary: /[\s\S]*/,
        timestamp: /^\d+$/,
      },
    });
    this.ajv.addSchema(spec as unknown as object, 'github');
    this.routes = Object.entries(spec.paths).flatMap(([template, methods]) => {
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`);
      return Object.keys(methods)
        .filter((method) => method !== 'parameters')
        .map((method) => ({ method: method.toUpperCase(), template, pattern, names }));
    });
    // Literal segments win over parameters: /pulls/comments before /pulls/{pull_number}.
    this.routes.sort((a, b) => a.names.length - b.names.length);
  }

  /** Loads `api.github.com.json` (or another description, e.g. a GitHub Enterprise Server one). */
  static async load(file = 'api.github.com.json'): Promise<GitHubContract> {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`@octokit/openapi/generated/${file}`);
    return new GitHubContract(JSON.parse(await readFile(path, 'utf8')) as Spec);
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const pathParams = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
      const operation = this.spec.paths[route.template]![route.method.toLowerCase()]!;
      return { operationId: operation.operationId, method: route.method, template: route.template, pointer: `#/paths/${escape(route.template)}/${route.method.toLowerCase()}`, pathParams, operation };
    }
    return undefined;
  }

  /** Everything wrong with a request for `matched`: parameters, query and JSON body. */
  checkRequest(matched: MatchedOperation, query: URLSearchParams, body: unknown): string[] {
    const problems: string[] = [];
    const parameters = (matched.operation.parameters ?? []).map((p) => this.resolve<Parameter>(p));
    for (const name of new Set(query.keys())) {
      if (!parameters.some((p) => p.in === 'query' && p.name === name)) problems.push(`query parameter \`${name}\` is not documented`);
    }
    for (const parameter of parameters) {
      const raw = parameter.in === 'path' ? matched.pathParams[parameter.name] : parameter.in === 'query' ? (query.get(parameter.name) ?? undefined) : undefined;
      if (raw === undefined) {
        if (parameter.required && parameter.in !== 'header') problems.push(`${parameter.in} parameter \`${parameter.name}\` is required`);
        continue;
      }
      const value = coerce(raw, parameter.schema);
      problems.push(...this.validate({ ...(parameter.schema ?? {}) }, value, `${parameter.in} parameter \`${parameter.name}\``));
    }
    const requestBody = matched.operation.requestBody ? this.resolve<Exclude<Operation['requestBody'], { $ref: string } | undefined>>(matched.operation.requestBody) : undefined;
    if (body === undefined) {
      if (requestBody?.required) problems.push('the request body is required');
    } else if (!requestBody) {
      problems.push('the operation takes no request body');
    } else {
      const declared = matched.operation.requestBody as { $ref?: string };
      const pointer = declared.$ref ? `github${declared.$ref}` : `github${matched.pointer}/requestBody`;
      problems.push(...this.validate({ $ref: `${pointer}/content/application~1json/schema` }, body, 'request body'));
    }
    return problems;
  }

  /** Everything wrong with a response `status` and JSON `body` for `matched`. */
  checkResponse(matched: MatchedOperation, status: number, body: unknown): string[] {
    const documented = matched.operation.responses[String(status)];
    if (!documented) {
      if (!GENERIC_ERRORS.has(status)) return [`status ${status} is not documented for ${matched.operationId}`];
      return this.validate({ $ref: 'github#/components/schemas/basic-error' }, body, `${status} response body`);
    }
    const pointer = documented.$ref ? `github${documented.$ref}` : `github${matched.pointer}/responses/${status}`;
    const response = documented.$ref ? this.resolve<typeof documented>(documented) : documented;
    if (!response.content?.['application/json']) return body === undefined || body === '' ? [] : [`${status} response of ${matched.operationId} has no body`];
    return this.validate({ $ref: `${pointer}/content/application~1json/schema` }, body, `${status} response body`);
  }

  /** A minimal instance of a schema in the description: every required property, with a plain value. */
  sample(ref: string): unknown {
    return this.sampleOf({ $ref: ref }, 0);
  }

  private sampleOf(schema: Schema, depth: number): unknown {
    const s = schema.$ref ? this.resolve<Schema>(schema) : schema;
    if (depth > 12) return null;
    if (Array.isArray(s.allOf)) return Object.assign({}, ...(s.allOf as Schema[]).map((part) => this.sampleOf(part, depth + 1)));
    const choices = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (choices) return this.sampleOf(choices[0]!, depth + 1);
    if (Array.isArray(s.enum)) return s.enum[0];
    if (s.nullable === true) return null;
    switch (s.type) {
      case 'object': {
        const properties = (s.properties ?? {}) as Record<string, Schema>;
        return Object.fromEntries(((s.required ?? []) as string[]).map((key) => [key, this.sampleOf(properties[key] ?? {}, depth + 1)]));
      }
      case 'array':
        return [];
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return false;
      default:
        return s.format === 'date-time' ? '2024-01-01T00:00:00Z' : s.format === 'uri' ? 'https://example.com/' : s.format === 'email' ? 'octocat@example.com' : 'x';
    }
  }

  private validate(schema: Schema, value: unknown, what: string): string[] {
    const key = JSON.stringify(schema);
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(schema);
      this.validators.set(key, validator);
    }
    if (validator(value)) return [];
    return (validator.errors ?? []).map((e) => `${what}${e.dataPath}: ${e.message}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
  }

  private resolve<T>(node: T | { $ref: string }): T {
    let current: unknown = node;
    while (current && typeof current === 'object' && '$ref' in current && typeof (current as { $ref: unknown }).$ref === 'string') {
      const path = (current as { $ref: string }).$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      current = path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], this.spec);
    }
    return current as T;
  }
}

/** ajv 6's own cache is a plain object, which cannot hold object keys. */
function identityCache(): object {
  const entries = new Map<unknown, unknown>();
  return {
    put: (key: unknown, value: unknown) => void entries.set(key, value),
    get: (key: unknown) => entries.get(key),
    del: (key: unknown) => void entries.delete(key),
    clear: () => entries.clear(),
  };
}

/** Query and path values are text; the schema says whether they are numbers or booleans. */
function coerce(raw: string, schema: Schema | undefined): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number') return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (schema?.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
