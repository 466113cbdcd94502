import { describe, expect, it } from 'vitest';
import { toYaml } from '@fleetform/yaml';

describe('toYaml', () => {
  it('never writes anchors or aliases for a reused object', () => {
    const labels = { app: 'web' };
    expect(toYaml({ a: labels, b: labels })).toBe('a:\n  app: web\nb:\n  app: web\n');
  });

  it('quotes strings a YAML 1.1 reader would take for something else', () => {
    expect(toYaml({ wave: '-1', flag: 'yes', date: '2024-01-01' })).toBe('wave: "-1"\nflag: "yes"\ndate: "2024-01-01"\n');
  });

  it('does not fold long lines', () => {
    const long = 'x '.repeat(100).trim();
    expect(toYaml({ long }).split('\n')).toHaveLength(2);
  });
});
