import { describe, expect, it } from 'vitest';
import { error, formatDiagnostic, sortDiagnostics } from '@fleetform/diagnostics';

describe('formatDiagnostic', () => {
  it('prints file:line:col, the JSON path, expected vs found and the hint', () => {
    const d = error('FF101', 'wrong type', {
      position: { file: 'apps/web/app.yaml', line: 12, col: 5 },
      path: '/replicas',
      expected: 'integer',
      found: 'string "three"',
      hint: 'write a number without quotes',
    });
    expect(formatDiagnostic(d)).toBe(
      'apps/web/app.yaml:12:5: error FF101 at /replicas: wrong type (expected integer, found string "three")\n' +
        '  hint: write a number without quotes',
    );
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, then line, then column', () => {
    const at = (file: string, line: number) => error('FF1', file, { position: { file, line, col: 1 } });
    const sorted = sortDiagnostics([at('b.yaml', 1), at('a.yaml', 9), at('a.yaml', 2)]);
    expect(sorted.map((d) => `${d.position?.file}:${d.position?.line}`)).toEqual(['a.yaml:2', 'a.yaml:9', 'b.yaml:1']);
  });
});
