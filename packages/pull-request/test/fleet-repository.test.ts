import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetRepository } from '../src/testing.js';
import { repoRoot } from './proposal.js';

describe('the test clone', () => {
  it('GIVEN a secret committed and then deleted from the working tree THEN placesHolding still finds it, in the objects', async () => {
    const repo = await FleetRepository.create({ source: repoRoot, folders: ['schemas'], owner: 'o', repo: 'r' });
    expect(await repo.placesHolding('s3cr3t-value')).toEqual([]);
    await writeFile(join(repo.root, 'leak.txt'), 'token s3cr3t-value\n');
    await repo.git('add', 'leak.txt');
    await repo.git('commit', '--quiet', '-m', 'leak');
    await rm(join(repo.root, 'leak.txt'));
    await repo.git('commit', '--quiet', '-am', 'remove the leak');
    expect(await repo.placesHolding('s3cr3t-value')).toEqual([`objects of ${repo.root}`]);
  });
});
