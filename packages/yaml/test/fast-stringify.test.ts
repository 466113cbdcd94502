import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { toYaml } from '@fleetform/yaml';
import { fastToYaml } from '../src/fast-stringify.js';
import { OPTIONS } from '../src/options.js';

/** The implementation toYaml had before the fast emitter: the reference for every comparison. */
function viaYaml(value: unknown): string {
  const text = stringify(value, OPTIONS);
  return text.endsWith('\n') ? text : `${text}\n`;
}

const TRICKY = [
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', 'n', 'Y', 'N', '~', 'null', 'NULL', 'Null', 'true', 'False', '1', '0x1F',
  '0o7', '012', '0b101', '1_000', '1:20', '190:20:30', '1.5', '.5', '1e3', '.inf', '-.Inf', '.nan', '2024-01-01',
  '2001-12-14t21:59:43.10-05:00', '- a', '-', '?', '? x', ': x', 'a: b', 'a:', 'a #b', 'a#b', '#x', '&a', '*a', '!t',
  '|', '>', '%x', '@x', '`x', '"q"', "'q'", '[a]', '{a}', 'a,b', '<<', '---', '--- x', '...', '...x', '---x',
  'line1\nline2', 'tail\n', '\n', '  lead', 'trail  ', 'tab\there', '\u0000', '\u0085', '\ud800', 'é', '😀',
  'e123456', 'E-123456', 'e1234567x', 'abcdef', 'Yes_no', 'nginx/nginx-1.25', 'a'.repeat(1100), 'x '.repeat(120),
  'app.kubernetes.io/name', 'registry.example.com/team/app:1.2.3', 'http://example.com/a?b=c#d',
];

const tricky = fc.constantFrom(...TRICKY);
const strings = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,12}$/) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...' :#-?\n\t\'"ab1.e'), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 201, maxLength: 260 }) },
);
const numbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 0, 1e21, -1e21, 0.1, 1.5e-7, 2 ** 53, -(2 ** 60), 123456789012345680000, NaN, Infinity, -Infinity),
);
const scalars = fc.oneof(
  { weight: 6, arbitrary: strings },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const keys = fc.oneof(strings, fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,10}$/));

const { value: values } = fc.letrec<{ value: unknown; list: unknown[]; map: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, scalars, tie('list'), tie('map')),
  // undefined items become null, undefined map values are dropped: both are generated.
  list: fc.array(fc.option(tie('value'), { nil: undefined, freq: 8 }), { maxLength: 4 }),
  map: fc.dictionary(keys, fc.option(tie('value'), { nil: undefined, freq: 8 }), { maxKeys: 5 }),
}));

describe('fastToYaml against yaml.stringify', () => {
  it('writes exactly what yaml writes, or gives up, for random JSON-like data', () => {
    let fast = 0;
    fc.assert(
      fc.property(values, (value) => {
        const expected = viaYaml(value);
        const text = fastToYaml(value);
        if (text !== undefined) {
          fast++;
          expect(text).toBe(expected);
        }
        expect(toYaml(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // Guards against a property that passes only because everything falls back.
    expect(fast).toBeGreaterThan(500);
  });

  it('writes every tricky string and number as yaml does, as key, value, item and document', () => {
    const all: unknown[] = [...TRICKY, -0, 0, 1e21, 0.1, 1.5e-7, 2 ** 53, NaN, Infinity, -Infinity, true, false, null];
    for (const s of all) {
      const docs: unknown[] = [s, [s], { a: s }, { a: { b: [s] } }, [[{ a: s }]]];
      if (typeof s === 'string') docs.push({ [s]: 1 }, { a: { [s]: [1] } }, [{ [s]: { [s]: s } }]);
      for (const doc of docs) {
        const text = fastToYaml(doc);
        if (text !== undefined) expect(text, JSON.stringify(doc)).toBe(viaYaml(doc));
        expect(toYaml(doc)).toBe(viaYaml(doc));
      }
    }
  });

  it('writes doubles as yaml does', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(fastToYaml({ n, l: [n] })).toBe(viaYaml({ n, l: [n] }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fastToYaml shapes', () => {
  const cases: [string, unknown, string][] = [
    ['map', { a: 1, b: 'x' }, 'a: 1\nb: x\n'],
    ['nested map', { a: { b: { c: true } } }, 'a:\n  b:\n    c: true\n'],
    ['sequence under a key', { a: ['x', 'z'] }, 'a:\n  - x\n  - z\n'],
    ['maps in a sequence', [{ a: 1, b: 2 }, { c: { d: null } }], '- a: 1\n  b: 2\n- c:\n    d: null\n'],
    ['sequences in a sequence', [['a', ['b']], 'c'], '- - a\n  - - b\n- c\n'],
    ['sequence in a map in a sequence', [{ a: [1, 2] }], '- a:\n    - 1\n    - 2\n'],
    ['empty collections', { a: {}, b: [], c: [{}, []] }, 'a: {}\nb: []\nc:\n  - {}\n  - []\n'],
    ['top-level empty map', {}, '{}\n'],
    ['top-level empty sequence', [], '[]\n'],
    ['undefined map values are dropped', { a: undefined, b: 1, c: { d: undefined } }, 'b: 1\nc: {}\n'],
    ['undefined items are null', [1, undefined, 2], '- 1\n- null\n- 2\n'],
    ['top-level scalars', 42, '42\n'],
    ['top-level null', null, 'null\n'],
    ['top-level plain string', 'nginx-ingress', 'nginx-ingress\n'],
    ['null prototype', Object.assign(Object.create(null) as object, { a: 1 }), 'a: 1\n'],
    ['quoted scalars', { wave: '-1', flag: 'yes', date: '2024-01-01', '1': 'on' }, '"1": "on"\nwave: "-1"\nflag: "yes"\ndate: "2024-01-01"\n'],
    ['special numbers', [-0, NaN, -Infinity, 1e21, 1.5e-7], '- -0\n- .nan\n- -.inf\n- 1e+21\n- 1.5e-7\n'],
    ['reused object, no aliases', (() => { const l = { app: 'web' }; return { a: l, b: l }; })(), 'a:\n  app: web\nb:\n  app: web\n'],
    ['float-like word', { a: 'e123456' }, 'a: "e123456"\n'],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => {
      expect(viaYaml(value)).toBe(expected);
      expect(fastToYaml(value)).toBe(expected);
      expect(toYaml(value)).toBe(expected);
    });
  }
});

describe('fastToYaml fallback', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'checkout-api',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'checkout-api', 'app.kubernetes.io/part-of': 'shop', tier: 'backend' },
      annotations: { 'argocd.argoproj.io/sync-wave': '-1', 'fleetform.io/managed': 'true' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout-api' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'checkout-api' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/shop/checkout-api:1.42.0',
              args: ['--port=8080', '--log-level', 'info'],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              env: [{ name: 'FEATURE_X', value: 'on' }, { name: 'RATIO', value: '0.5' }],
              resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
            },
          ],
          tolerations: [],
          nodeSelector: {},
        },
      },
    },
  };

  it('takes the fast path for a typical Deployment', () => {
    const text = fastToYaml(deployment);
    expect(text).toBeDefined();
    expect(text).toBe(viaYaml(deployment));
    expect(toYaml(deployment)).toBe(text);
  });

  it('gives up on a document with a multi-line string, and toYaml still writes it as yaml does', () => {
    const configMap = { kind: 'ConfigMap', data: { 'nginx.conf': 'server {\n  listen 80;\n}\n' } };
    expect(fastToYaml(configMap)).toBeUndefined();
    expect(toYaml(configMap)).toBe(viaYaml(configMap));
    expect(toYaml(configMap)).toContain('nginx.conf: |\n');
  });

  it('gives up on keys yaml writes as explicit or depth-dependent keys', () => {
    for (const key of ['k'.repeat(1100), '---', '...x', 'a\nb']) {
      for (const doc of [{ [key]: 1 }, { a: { [key]: 1 } }]) {
        const text = fastToYaml(doc);
        if (text !== undefined) expect(text).toBe(viaYaml(doc));
        expect(toYaml(doc)).toBe(viaYaml(doc));
      }
    }
    expect(fastToYaml({ ['k'.repeat(1100)]: 1 })).toBeUndefined();
    expect(fastToYaml({ '---': 1 })).toBeUndefined();
  });

  class Box {
    constructor(readonly v: number) {}
  }
  const notPlain: [string, unknown][] = [
    ['Date', { at: new Date(Date.UTC(2024, 0, 1)) }],
    ['Map', { m: new Map([['a', 1]]) }],
    ['Set', { s: new Set(['a']) }],
    ['class instance', { b: new Box(1) }],
    ['toJSON', { j: { toJSON: () => 'x' } }],
    ['bigint', { n: 10n }],
    ['boxed string', { s: new String('yes') }],
    ['top-level undefined', undefined],
    ['top-level multi-line string', 'a\nb'],
    ['top-level document marker', '--- x'],
  ];
  for (const [name, value] of notPlain) {
    it(`gives up on ${name} and toYaml behaves as before`, () => {
      expect(fastToYaml(value)).toBeUndefined();
      if (value === undefined) expect(() => toYaml(value)).toThrow();
      else expect(toYaml(value)).toBe(viaYaml(value));
    });
  }

  it('gives up on functions, symbols and cycles, and toYaml throws as before', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const value of [{ f: () => 1 }, [Symbol('s')], cyclic]) {
      expect(fastToYaml(value)).toBeUndefined();
      expect(() => viaYaml(value)).toThrow();
      expect(() => toYaml(value)).toThrow();
    }
  });
});
