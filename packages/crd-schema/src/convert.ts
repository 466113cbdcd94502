/** A node of a CRD's openAPIV3Schema (the subset of OpenAPI v3 that Kubernetes allows). */
export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  not?: OpenApiSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [keyword: string]: unknown;
}

export type JsonSchema = Record<string, unknown>;

/** Validation keywords that mean the same in OpenAPI v3 and JSON Schema, copied as they are. */
const SAME_KEYWORDS = [
  'required',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
] as const;

/**
 * Converts one openAPIV3Schema node into a strict JSON Schema, the way the API server reads it:
 * an object with `properties` accepts no other field (unless x-kubernetes-preserve-unknown-fields),
 * x-kubernetes-int-or-string accepts an integer or a string, `nullable` accepts null.
 * Formats are left out: the API server does not reject a CRD field for its format.
 */
export function toStrictJsonSchema(node: OpenApiSchema): JsonSchema {
  const out: JsonSchema = {};
  if (node['x-kubernetes-int-or-string']) {
    out.type = ['integer', 'string'];
  } else if (node.type) {
    out.type = node.nullable ? [node.type, 'null'] : node.type;
  }
  for (const keyword of SAME_KEYWORDS) if (node[keyword] !== undefined) out[keyword] = node[keyword];
  if (node.nullable && Array.isArray(node.enum)) out.enum = [...node.enum, null];
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, toStrictJsonSchema(v)]));
  }
  if (node.additionalProperties !== undefined) {
    out.additionalProperties = typeof node.additionalProperties === 'boolean' ? node.additionalProperties : toStrictJsonSchema(node.additionalProperties);
  } else if (node.properties && !node['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (node.items) out.items = toStrictJsonSchema(node.items);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[keyword];
    if (list) out[keyword] = list.map(structuralCheck);
  }
  if (node.not) out.not = structuralCheck(node.not);
  return out;
}

/** Inside allOf/anyOf/oneOf/not, Kubernetes allows only value checks, never new fields; nothing is closed there. */
function structuralCheck(node: OpenApiSchema): JsonSchema {
  const converted = toStrictJsonSchema(node);
  delete converted.additionalProperties;
  return converted;
}

interface CustomResourceDefinition {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served?: boolean; schema?: { openAPIV3Schema?: OpenApiSchema } }[];
  };
}

/** One strict schema per served version of a CRD, keyed by `apiVersion kind` (`argoproj.io/v1alpha1 Application`). */
export function schemasOfCrd(crd: CustomResourceDefinition): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  for (const version of crd.spec.versions) {
    const root = version.schema?.openAPIV3Schema;
    if (version.served === false || !root) continue;
    const schema = toStrictJsonSchema(root);
    // apiVersion, kind and metadata are checked by the API server itself, not by the CRD's schema.
    const properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(schema.properties as object) };
    schemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, { ...schema, properties });
  }
  return schemas;
}
