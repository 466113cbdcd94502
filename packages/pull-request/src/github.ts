import { Octokit } from '@octokit/rest';
import { error, FleetformError, type Diagnostic } from '@fleetform/diagnostics';
import type { GitHubRepository } from './github-repository.js';
import { rateLimitWait, retryRequests, type HttpFailure, type RetryPolicy } from './retry.js';

export interface PullRequestRef {
  readonly number: number;
  readonly url: string;
}

export interface PullRequestFields {
  readonly title: string;
  readonly body: string;
  readonly base: string;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The GitHub REST calls a pull request needs, through @octokit/rest. Every failure becomes a
 * FleetformError that says what was being done and what to do about it; the token appears in no
 * message, whatever the server sends back.
 */
export class GitHub {
  private readonly octokit: Octokit;
  private readonly name: string;

  constructor(
    private readonly repository: GitHubRepository,
    private readonly token: string,
    private readonly apiUrl: string,
    retry: RetryPolicy,
  ) {
    this.octokit = new Octokit({ auth: token, baseUrl: apiUrl, userAgent: 'fleetform', log: quiet });
    retryRequests(this.octokit, retry);
    this.name = `${repository.owner}/${repository.repo}`;
  }

  /** Fails early, before anything is pushed, when the token or the repository is wrong. */
  async checkRepository(): Promise<void> {
    await this.call(`reading repository ${this.name}`, () => this.octokit.rest.repos.get(this.params()));
  }

  async findOpenPullRequest(branch: string): Promise<PullRequestRef | undefined> {
    const { data } = await this.call(`looking for an open pull request from ${branch}`, () =>
      this.octokit.rest.pulls.list({ ...this.params(), head: `${this.repository.owner}:${branch}`, state: 'open', per_page: 10 }),
    );
    const found = data.find((pull) => pull.head.ref === branch);
    return found ? { number: found.number, url: found.html_url } : undefined;
  }

  async createPullRequest(branch: string, fields: PullRequestFields): Promise<PullRequestRef> {
    const { data } = await this.call(`opening a pull request from ${branch} into ${fields.base}`, () =>
      this.octokit.rest.pulls.create({ ...this.params(), head: branch, base: fields.base, title: fields.title, body: fields.body }),
    );
    return { number: data.number, url: data.html_url };
  }

  async updatePullRequest(number: number, fields: PullRequestFields): Promise<PullRequestRef> {
    const { data } = await this.call(`updating pull request #${number}`, () =>
      this.octokit.rest.pulls.update({ ...this.params(), pull_number: number, base: fields.base, title: fields.title, body: fields.body }),
    );
    return { number: data.number, url: data.html_url };
  }

  async addLabels(number: number, labels: readonly string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.call(`labelling pull request #${number}`, () => this.octokit.rest.issues.addLabels({ ...this.params(), issue_number: number, labels: [...labels] }));
  }

  private params(): { owner: string; repo: string } {
    return { owner: this.repository.owner, repo: this.repository.repo };
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (cause) {
      if (typeof (cause as HttpFailure).status !== 'number') throw cause;
      throw new FleetformError([this.describe(cause as HttpFailure & { message?: string }, action)]);
    }
  }

  private describe(failure: HttpFailure & { message?: string }, action: string): Diagnostic {
    const data = (failure.response?.data ?? {}) as { message?: unknown; errors?: unknown };
    const said = this.redact(typeof data.message === 'string' ? data.message : '');
    const status = `${failure.status}${said ? ` ${said}` : ''}`;
    if (!failure.response) {
      return error('FF610', `could not reach GitHub at ${this.apiUrl} while ${action}: ${this.redact(failure.message ?? 'no answer')}`, {
        hint: 'check the network; for GitHub Enterprise Server set --api-url, GITHUB_API_URL or pullRequests.apiUrl in clusters/fleet.yaml',
      });
    }
    if (rateLimitWait(failure, Date.now()) !== undefined) {
      const reset = Number(failure.response.headers?.['x-ratelimit-reset']);
      const when = Number.isFinite(reset) ? ` until ${new Date(reset * 1000).toISOString()}` : '';
      return error('FF609', `GitHub's rate limit is spent${when} (${status}) while ${action}`, { hint: 'try again once it resets, or with a token that has a higher limit' });
    }
    switch (failure.status) {
      case 401:
        return error('FF605', `GitHub refused the token (${status}) while ${action}`, { hint: 'GITHUB_TOKEN or GH_TOKEN has expired, been revoked or is mistyped; set a valid one' });
      case 403:
        return error('FF606', `GitHub did not allow ${action} (${status})`, {
          hint: `the token needs read access to the contents and write access to the pull requests of ${this.name} (for a classic token, the \`repo\` scope)`,
        });
      case 404:
        return error('FF607', `GitHub repository ${this.name} was not found (${status}) while ${action}`, {
          hint: 'check the remote URL (--remote), the API URL for GitHub Enterprise, and that the token can see the repository',
        });
      case 422:
        return error('FF608', `GitHub did not accept ${action} (${status}${this.validationDetails(data.errors)})`, {
          hint: 'check --base: it must be an existing branch of the repository, different from the change branch',
        });
      default:
        return error('FF610', `GitHub failed while ${action} (${status}), also after retrying`, { hint: 'try again later; https://www.githubstatus.com shows outages' });
    }
  }

  private validationDetails(errors: unknown): string {
    if (!Array.isArray(errors)) return '';
    const parts = errors.map((e: { message?: unknown; field?: unknown; code?: unknown }) => (typeof e.message === 'string' ? e.message : [e.field, e.code].filter((x) => typeof x === 'string').join(' ')));
    const text = parts.filter((p) => p !== '').join('; ');
    return text ? `: ${this.redact(text)}` : '';
  }

  private redact(text: string): string {
    return this.token === '' ? text : text.split(this.token).join('***');
  }
}

/** Whether a failure is GitHub saying an open pull request for the branch exists already. */
export function isDuplicatePullRequest(cause: unknown): boolean {
  return cause instanceof FleetformError && cause.diagnostics.some((d) => d.code === 'FF608' && /already exists/i.test(d.message));
}
