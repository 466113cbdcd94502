import { describe, expect, it } from 'vitest';
import { renderWorkerCount, workersShare } from '../src/parallel/render-workers.js';

describe('how a full render is shared among threads', () => {
  it('uses a worker per further core only with 4 cores or more and enough apps, unless FLEETFORM_WORKERS says', () => {
    expect(renderWorkerCount(200, {}, 2)).toBe(0);
    expect(renderWorkerCount(200, {}, 4)).toBe(3);
    expect(renderWorkerCount(200, {}, 16)).toBe(3);
    expect(renderWorkerCount(30, {}, 8)).toBe(0);
    expect(renderWorkerCount(60, {}, 8)).toBe(2);
    expect(renderWorkerCount(29, { FLEETFORM_WORKERS: '2' }, 2)).toBe(2);
    expect(renderWorkerCount(200, { FLEETFORM_WORKERS: '0' }, 16)).toBe(0);
    expect(renderWorkerCount(1, { FLEETFORM_WORKERS: '4' }, 16)).toBe(0);
  });

  it('leaves every (workers + 1)th app to the main thread, and each app to exactly one thread', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const theirs = workersShare(names, 2);
    expect(theirs).toEqual(['a', 'b', 'd', 'e', 'g']);
    expect(names.filter((n) => !theirs.includes(n))).toEqual(['c', 'f']);
  });
});
