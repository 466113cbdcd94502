import type { Octokit } from '@octokit/rest';

/** How requests to GitHub are retried. Tests pass a `sleep` that does not wait. */
export interface RetryPolicy {
  /** Retries after the first attempt, for rate limits and server errors each. */
  readonly retries: number;
  /** First back-off after a server error; it doubles on each retry. */
  readonly backoffMs: number;
  /** Longest wait for a rate limit to reset; a later reset fails at once and says when to retry. */
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** Told before every wait, so a person sees why nothing happens. */
  readonly notify: (line: string) => void;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'notify'> = {
  retries: 3,
  backoffMs: 1_000,
  maxWaitMs: 5 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** The parts of an @octokit/request-error that decisions are made from. */
export interface HttpFailure {
  readonly status?: number;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>>; readonly data?: unknown };
}

/** A rate limit that is spent: the primary one (remaining 0) or a secondary one (retry-after). */
export function rateLimitWait(failure: HttpFailure, now: number): number | undefined {
  if (failure.status !== 403 && failure.status !== 429) return undefined;
  const headers = failure.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined) return Math.max(0, retryAfter * 1000);
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) + 1_000 : 60_000;
  }
  return failure.status === 429 ? 60_000 : undefined;
}

/** @octokit/request reports a request that got no answer at all as status 500 without a response. */
const isServerError = (failure: HttpFailure): boolean => typeof failure.status === 'number' && failure.status >= 500;

/**
 * Retries every request of `octokit` that hit a spent rate limit (after waiting for it to reset,
 * and saying so) or a server error (with doubling back-off). Anything else fails at once.
 */
export function retryRequests(octokit: Octokit, policy: RetryPolicy): void {
  octokit.hook.wrap('request', async (request, options) => {
    let [limited, failed] = [0, 0];
    for (;;) {
      try {
        return await request(options);
      } catch (cause) {
        const failure = cause as HttpFailure;
        const wait = rateLimitWait(failure, policy.now());
        const what = `${String(options.method)} ${String(options.url)}`;
        if (wait !== undefined) {
          if (++limited > policy.retries || wait > policy.maxWaitMs) throw cause;
          policy.notify(`GitHub rate limit reached (${what}); waiting ${seconds(wait)} before trying again (retry ${limited} of ${policy.retries})`);
          await policy.sleep(wait);
        } else if (isServerError(failure)) {
          if (++failed > policy.retries) throw cause;
          const backoff = policy.backoffMs * 2 ** (failed - 1);
          policy.notify(`GitHub answered ${failure.status} to ${what}; trying again in ${seconds(backoff)} (retry ${failed} of ${policy.retries})`);
          await policy.sleep(backoff);
        } else {
          throw cause;
        }
      }
    }
  });
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)} s`;
