import { error, FleetformError } from '@fleetform/diagnostics';

export interface GitHubRepository {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
}

/**
 * The GitHub repository a git remote URL names: `https://github.com/o/r.git`, `git@github.com:o/r.git`,
 * `ssh://git@ghe.example.com/o/r`. Credentials in the URL are never kept.
 */
export function parseRemoteUrl(remote: string, url: string): GitHubRepository {
  const match =
    /^(?:https?|ssh|git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(?:.*\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url) ??
    /^(?:[^@/]+@)?([^/:]+):(?:.*\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) {
    throw new FleetformError([
      error('FF602', `remote \`${remote}\` does not point at a GitHub repository`, {
        expected: 'a URL such as https://github.com/OWNER/REPO.git or git@github.com:OWNER/REPO.git',
        found: `\`${url.replace(/\/\/[^@/]*@/, '//')}\``,
        hint: 'pick the remote with --remote',
      }),
    ]);
  }
  return { host: match[1]!.toLowerCase(), owner: match[2]!, repo: match[3]! };
}

/**
 * Where the REST API of a repository's GitHub lives, first match wins: `--api-url`, GITHUB_API_URL,
 * fleet.yaml's pullRequests.apiUrl, then api.github.com for github.com and `https://HOST/api/v3`
 * (GitHub Enterprise Server) for any other host.
 */
export function apiUrlFor(repository: GitHubRepository, configured: readonly (string | undefined)[]): string {
  const chosen = configured.find((url) => url !== undefined && url !== '');
  if (chosen) return chosen.replace(/\/+$/, '');
  return repository.host === 'github.com' ? 'https://api.github.com' : `https://${repository.host}/api/v3`;
}
