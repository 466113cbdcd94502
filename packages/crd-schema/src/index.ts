export { schemasOfCrd, toStrictJsonSchema, type JsonSchema, type OpenApiSchema } from './convert.js';
export { compileCrdValidators, type CrdValidator } from './validators.js';
