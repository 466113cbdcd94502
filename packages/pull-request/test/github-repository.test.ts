import { describe, expect, it } from 'vitest';
import { apiUrlFor, parseRemoteUrl } from '../src/index.js';

describe('the GitHub repository of a remote', () => {
  it.each([
    ['https://github.com/example-org/fleet.git', { host: 'github.com', owner: 'example-org', repo: 'fleet' }],
    ['https://github.com/example-org/fleet', { host: 'github.com', owner: 'example-org', repo: 'fleet' }],
    ['https://x-access-token:secret@github.com/example-org/fleet.git', { host: 'github.com', owner: 'example-org', repo: 'fleet' }],
    ['git@github.com:example-org/fleet.git', { host: 'github.com', owner: 'example-org', repo: 'fleet' }],
    ['ssh://git@ghe.example.com:2222/platform/fleet.git', { host: 'ghe.example.com', owner: 'platform', repo: 'fleet' }],
    ['https://GHE.example.com/platform/fleet.git/', { host: 'ghe.example.com', owner: 'platform', repo: 'fleet' }],
  ])('GIVEN %s THEN %j', (url, repository) => {
    expect(parseRemoteUrl('origin', url)).toEqual(repository);
  });

  it('GIVEN a path that names no repository THEN FF602, without the credentials of the URL', () => {
    expect(() => parseRemoteUrl('origin', '/srv/git/fleet.git')).toThrow(expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'FF602' })] }));
    try {
      parseRemoteUrl('origin', 'https://user:hunter2@example.com');
    } catch (cause) {
      expect(JSON.stringify(cause)).not.toContain('hunter2');
    }
  });

  it('picks the first API URL given, else api.github.com, else GitHub Enterprise Server at /api/v3', () => {
    const github = { host: 'github.com', owner: 'o', repo: 'r' };
    const ghe = { host: 'ghe.example.com', owner: 'o', repo: 'r' };
    expect(apiUrlFor(github, [undefined, 'https://ghe.example.com/api/v3/', 'https://other'])).toBe('https://ghe.example.com/api/v3');
    expect(apiUrlFor(github, [undefined, ''])).toBe('https://api.github.com');
    expect(apiUrlFor(ghe, [])).toBe('https://ghe.example.com/api/v3');
  });
});
