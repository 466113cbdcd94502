import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemasOfCrd, toStrictJsonSchema, type OpenApiSchema } from '@fleetform/crd-schema';

const check = (schema: OpenApiSchema, value: unknown) => new Ajv({ strict: false, allowUnionTypes: true }).validate(toStrictJsonSchema(schema), value);

const spec: OpenApiSchema = {
  type: 'object',
  properties: {
    replicas: { type: 'integer' },
    port: { 'x-kubernetes-int-or-string': true },
    owner: { type: 'string', nullable: true },
    values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

describe('toStrictJsonSchema', () => {
  it('rejects a field the CRD does not declare', () => {
    expect(check(spec, { replicas: 1 })).toBe(true);
    expect(check(spec, { replica: 1 })).toBe(false);
  });

  it('accepts an integer or a string where the CRD says int-or-string, and nothing else there', () => {
    expect(check(spec, { port: 80 })).toBe(true);
    expect(check(spec, { port: 'http' })).toBe(true);
    expect(check(spec, { port: true })).toBe(false);
  });

  it('accepts null for a nullable field', () => {
    expect(check(spec, { owner: null })).toBe(true);
    expect(check(spec, { replicas: null })).toBe(false);
  });

  it('keeps unknown fields where the CRD preserves them, and typed maps as maps', () => {
    expect(check(spec, { values: { anything: [1, 2] } })).toBe(true);
    expect(check(spec, { labels: { a: 'b' } })).toBe(true);
    expect(check(spec, { labels: { a: 1 } })).toBe(false);
  });
});

describe('schemasOfCrd', () => {
  it('gives one schema per served version', () => {
    const crd = {
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [
          { name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: spec } } } },
          { name: 'v0', served: false, schema: { openAPIV3Schema: { type: 'object' } } },
        ],
      },
    };
    expect([...schemasOfCrd(crd).keys()]).toEqual(['example.com/v1 Widget']);
  });
});
