export { schemasOfCrd, toStrictJsonSchema, type JsonSchema, type OpenApiSchema } from './convert.js';
export { compileCrdValidators, type CompileOptions, type CrdValidator } from './validators.js';
