import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubContract, type MatchedOperation } from './openapi.js';

export interface FakeGitHubOptions {
  /** The only token the server accepts; any other gets 401 Bad credentials. */
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /** Serve under this path, as GitHub Enterprise Server serves under `/api/v3`. */
  readonly pathPrefix?: string;
  /** The bare repository pushes go to: a pull request can only be opened from a branch that exists there. */
  readonly gitDir?: string;
}

/** One request the server received and what it answered. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly operationId: string | undefined;
  readonly body: unknown;
  readonly status: number;
}

/** A canned answer for the next matching request(s), instead of the simulated one. */
export interface Fault {
  /** Only requests for this operation, e.g. `pulls/create`; any request when left out. */
  readonly operationId?: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** How many requests get this answer. Default 1. */
  readonly times?: number;
}

/** A pull request as the server keeps it. */
export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  labels: string[];
}

const DOCS = 'https://docs.github.com/rest';
let contract: Promise<GitHubContract> | undefined;

/**
 * A small GitHub on 127.0.0.1: repositories/get, pulls list/create/update and issue labels, kept
 * in memory. Every request it receives and every response it sends is checked against GitHub's
 * OpenAPI description; each mismatch is recorded in `violations`, which a test expects empty.
 */
export class FakeGitHub {
  readonly exchanges: Exchange[] = [];
  readonly violations: string[] = [];
  readonly pulls: FakePullRequest[] = [];
  /** Every authorization header received, to prove which token was sent. */
  readonly authorizations: string[] = [];
  private readonly faults: (Fault & { left: number })[] = [];

  private constructor(
    private readonly server: Server,
    private readonly contract: GitHubContract,
    private readonly options: FakeGitHubOptions,
    readonly url: string,
  ) {}

  static async start(options: FakeGitHubOptions): Promise<FakeGitHub> {
    contract ??= GitHubContract.load();
    const spec = await contract;
    const started: { fake?: FakeGitHub } = {};
    const server = createServer((request, response) => void started.fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    started.fake = new FakeGitHub(server, spec, options, `http://127.0.0.1:${port}${options.pathPrefix ?? ''}`);
    return started.fake;
  }

  /** Answers the next matching request(s) with `fault`; faults queue in the order given. */
  fail(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  /** Operation ids of the requests received, in order. */
  operations(): (string | undefined)[] {
    return this.exchanges.map((e) => e.operationId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const prefix = this.options.pathPrefix ?? '';
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      this.violations.push(`${method} ${path}: the body is not JSON`);
    }
    this.authorizations.push(String(request.headers.authorization ?? ''));
    const matched = this.contract.match(method, path);
    const record = (status: number) => this.exchanges.push({ method, path, query: Object.fromEntries(url.searchParams), operationId: matched?.operationId, body, status });

    if (!matched || !url.pathname.startsWith(prefix)) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's API${prefix ? ` under ${prefix}` : ''}`);
      record(404);
      return send(response, 404, { message: 'Not Found', documentation_url: DOCS });
    }
    const where = `${method} ${path} (${matched.operationId})`;
    this.violations.push(...this.contract.checkRequest(matched, url.searchParams, body).map((p) => `${where}: ${p}`));
    if (!/application\/vnd\.github/.test(String(request.headers.accept))) this.violations.push(`${where}: accept header ${String(request.headers.accept)}`);
    if (!request.headers['user-agent']) this.violations.push(`${where}: no user-agent header`);

    const { status, headers, body: answer } = this.answer(matched, url.searchParams, body, String(request.headers.authorization ?? ''));
    this.violations.push(...this.contract.checkResponse(matched, status, answer).map((p) => `${where} answered ${status}: ${p}`));
    record(status);
    send(response, status, answer, headers);
  }

  private answer(matched: MatchedOperation, query: URLSearchParams, body: unknown, authorization: string): { status: number; headers?: Readonly<Record<string, string>>; body: unknown } {
    const fault = this.faults.find((f) => f.left > 0 && (f.operationId === undefined || f.operationId === matched.operationId));
    if (fault) {
      fault.left--;
      return { status: fault.status, headers: fault.headers, body: fault.body ?? { message: 'Server Error', documentation_url: DOCS } };
    }
    if (!/^(token|bearer) /i.test(authorization) || authorization.replace(/^(token|bearer) /i, '') !== this.options.token) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
    }
    const { owner, repo } = matched.pathParams;
    if (owner !== this.options.owner || repo !== this.options.repo) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    const input = (body ?? {}) as Record<string, unknown>;
    switch (matched.operationId) {
      case 'repos/get':
        return { status: 200, body: this.repository('full-repository') };
      case 'pulls/list': {
        const state = query.get('state') ?? 'open';
        const head = query.get('head');
        const found = this.pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${this.options.owner}:${p.head}` === head));
        return { status: 200, body: found.map((p) => this.pullRequest(p, 'pull-request-simple')) };
      }
      case 'pulls/create': {
        const [head, base] = [String(input.head), String(input.base)];
        if (this.pulls.some((p) => p.state === 'open' && p.head === head)) return invalid(`A pull request already exists for ${this.options.owner}:${head}.`);
        if (!this.branchExists(head)) return invalid('head', 'invalid');
        if (!this.branchExists(base)) return invalid('base', 'invalid');
        const pull: FakePullRequest = { number: this.pulls.length + 1, title: String(input.title), body: String(input.body ?? ''), head, base, state: 'open', labels: [] };
        this.pulls.push(pull);
        return { status: 201, body: this.pullRequest(pull, 'pull-request') };
      }
      case 'pulls/update': {
        const pull = this.pulls.find((p) => p.number === Number(matched.pathParams.pull_number));
        if (!pull) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
        if (typeof input.title === 'string') pull.title = input.title;
        if (typeof input.body === 'string') pull.body = input.body;
        if (typeof input.base === 'string') pull.base = input.base;
        return { status: 200, body: this.pullRequest(pull, 'pull-request') };
      }
      case 'issues/add-labels': {
        const pull = this.pulls.find((p) => p.number === Number(matched.pathParams.issue_number));
        if (!pull) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
        const labels = (Array.isArray(input.labels) ? input.labels : []).map(String);
        pull.labels = [...new Set([...pull.labels, ...labels])];
        return { status: 200, body: pull.labels.map((name, i) => ({ ...(this.contract.sample('#/components/schemas/label') as object), id: i + 1, name })) };
      }
      default:
        this.violations.push(`${matched.operationId} is not simulated`);
        return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    }
  }

  private branchExists(branch: string): boolean {
    if (!this.options.gitDir) return true;
    return gitRefs(this.options.gitDir).includes(`refs/heads/${branch}`);
  }

  private repository(schema: 'full-repository' | 'repository'): unknown {
    const { owner, repo } = this.options;
    return {
      ...(this.contract.sample(`#/components/schemas/${schema}`) as object),
      id: 1,
      name: repo,
      full_name: `${owner}/${repo}`,
      default_branch: 'main',
      html_url: `https://github.com/${owner}/${repo}`,
      owner: { ...(this.contract.sample('#/components/schemas/simple-user') as object), login: owner, type: 'Organization' },
    };
  }

  private pullRequest(pull: FakePullRequest, schema: 'pull-request' | 'pull-request-simple'): unknown {
    const { owner, repo } = this.options;
    const ref = (branch: string) => ({
      label: `${owner}:${branch}`,
      ref: branch,
      sha: '0'.repeat(40),
      repo: this.repository('repository'),
      user: this.contract.sample('#/components/schemas/simple-user'),
    });
    return {
      ...(this.contract.sample(`#/components/schemas/${schema}`) as object),
      id: pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
      url: `https://api.github.com/repos/${owner}/${repo}/pulls/${pull.number}`,
      head: ref(pull.head),
      base: ref(pull.base),
      labels: pull.labels.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: 'https://example.com/', name, description: '', color: 'ededed', default: false })),
    };
  }
}

function invalid(message: string, code?: string): { status: number; body: unknown } {
  const errors = code ? [{ resource: 'PullRequest', field: message, code }] : [{ resource: 'PullRequest', code: 'custom', message }];
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: DOCS } };
}

/** Synchronous on purpose: the answer must reflect the repository at the moment of the request. */
function gitRefs(gitDir: string): string[] {
  return execFileSync('git', ['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
}
