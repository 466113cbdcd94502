export { branchName } from './branch-name.js';
export { apiUrlFor, parseRemoteUrl, type GitHubRepository } from './github-repository.js';
export { GitHub, type PullRequestFields, type PullRequestRef } from './github.js';
export { LocalRepository, Worktree } from './git.js';
export { openPullRequest, type AppliedChange, type PullRequestOptions, type PullRequestResult } from './open-pull-request.js';
export { DEFAULT_RETRY, retryRequests, type RetryPolicy } from './retry.js';
export { compileTemplates, DEFAULT_TEMPLATES, type ChangeContext, type PullRequestTemplates, type PullRequestText, type TemplateContext } from './templates.js';
