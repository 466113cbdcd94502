import { describe, expect, it } from 'vitest';
import { formatImageRef, isDowngrade, isMutable, parseImageRef } from '../src/index.js';
import { DIGEST } from './fixture-fleet.js';

describe('image references on the command line', () => {
  it.each([
    ['v1.2.0', { kind: 'tag', tag: 'v1.2.0' }],
    ['1.2.0-rc.1_build.7', { kind: 'tag', tag: '1.2.0-rc.1_build.7' }],
    ['_underscore', { kind: 'tag', tag: '_underscore' }],
    ['a'.repeat(128), { kind: 'tag', tag: 'a'.repeat(128) }],
    [`@${DIGEST}`, { kind: 'digest', digest: DIGEST }],
  ])('GIVEN %s THEN it parses', (text, ref) => {
    expect(parseImageRef(text)).toEqual(ref);
  });

  it.each([
    ['', 'an empty tag'],
    ['-leading-dash', '`-leading-dash`'],
    ['.leading-dot', '`.leading-dot`'],
    ['a'.repeat(129), `\`${'a'.repeat(129)}\``],
    ['has space', '`has space`'],
    ['repo:v1', '`repo:v1`'],
  ])('GIVEN the tag %j THEN FF502 says what a tag may be', (text, found) => {
    expect(parseImageRef(text)).toMatchObject({ code: 'FF502', found });
  });

  it('GIVEN a digest in upper case or too short THEN FF502, with a hint for the case', () => {
    expect(parseImageRef(`@${DIGEST.toUpperCase().replace('SHA256', 'sha256')}`)).toMatchObject({ code: 'FF502', hint: 'write the hex digits in lower case' });
    expect(parseImageRef('@sha256:abc')).toMatchObject({ code: 'FF502', hint: undefined });
  });

  it('shortens digests for people and keeps tags whole', () => {
    expect(formatImageRef({ kind: 'digest', digest: DIGEST })).toBe('@sha256:0123456789ab');
    expect(formatImageRef({ kind: 'digest', digest: DIGEST }, { full: true })).toBe(`@${DIGEST}`);
    expect(formatImageRef(undefined)).toBe('(no tag)');
  });

  it('calls `latest` mutable, and versions and digests not', () => {
    expect(isMutable({ kind: 'tag', tag: 'latest' })).toBe(true);
    expect(isMutable({ kind: 'tag', tag: 'v1' })).toBe(false);
    expect(isMutable({ kind: 'digest', digest: DIGEST })).toBe(false);
  });

  it.each([
    ['v1.1.0', 'v1.0.0', true],
    ['1.1.0', 'v1.0.9', true],
    ['v1.1.0', 'v1.1.0-rc.1', true],
    ['v1.0.0', 'v1.1.0', false],
    ['v1.0.0', 'v1.0.0', false],
    ['2024-05-01', '2024-04-01', false],
    ['v1.0.0', 'main', false],
  ])('GIVEN %s running WHEN %s comes THEN downgrade is %s', (current, next, expected) => {
    expect(isDowngrade(current, next)).toBe(expected);
  });
});
