import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '@fleetform/diagnostics';

describe('closest', () => {
  it('finds the property a typo was meant to be', () => {
    expect(closest('replica', ['replicas', 'resources', 'ports'])).toBe('replicas');
  });

  it('suggests nothing when no candidate is plausibly meant', () => {
    expect(closest('zzzzzz', ['replicas', 'resources'])).toBeUndefined();
  });

  it('ignores case when comparing', () => {
    expect(didYouMean('ImagE', ['image', 'images'])).toBe('did you mean `image`?');
  });
});
