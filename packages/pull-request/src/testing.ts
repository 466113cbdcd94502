export { FakeGitHub, type Exchange, type FakeGitHubOptions, type FakePullRequest, type Fault } from './testing/fake-github.js';
export { FleetRepository, type CloneState, type FleetRepositoryOptions } from './testing/fleet-repository.js';
export { GitHubContract, type MatchedOperation } from './testing/openapi.js';
