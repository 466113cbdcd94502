import { createRequire } from 'node:module';
import { KUBERNETES_FIELDS } from '../generated/kubernetes-fields.js';
import { problemsFromAjv } from './schema-errors.js';
import { splitApiVersion, type ObjectValidator, type SchemaSource } from './schema-source.js';
import { unknownFields, type TypeTables } from './strict-fields.js';

const require = createRequire(import.meta.url);

/** The Kubernetes version whose schemas fleetform bundles (kubernetes-models, and the field tables of @kubernetes/client-node 1.1). */
export const BUNDLED_KUBERNETES = '1.32';

type Model = new (data: unknown) => { validate(): void };

let tables: TypeTables | undefined;

/** Field tables of every Kubernetes type, generated from @kubernetes/client-node's models (tools/gen-kubernetes-fields.ts). */
function typeTables(): TypeTables {
  tables ??= new Map(Object.entries(KUBERNETES_FIELDS).map(([name, fields]) => [name, new Map(Object.entries(fields))]));
  return tables;
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** client-node's name for a kind: `V1Deployment`, or with its group when the bare name is taken (`CoreV1Event`). */
function modelName(group: string, version: string, kind: string): string | undefined {
  const bare = `${pascal(version)}${kind}`;
  const prefixed = `${pascal((group || 'core').split('.')[0]!)}${pascal(version)}${kind}`;
  const all = typeTables();
  return all.has(prefixed) ? prefixed : all.has(bare) ? bare : undefined;
}

/**
 * Built-in kinds, strictly: types, required fields, int-or-string and quantities from kubernetes-models'
 * compiled validators (fast, but they accept unknown fields), and unknown fields from client-node's
 * models. Together they give kubeconform -strict's verdicts.
 */
export const kubernetesSchemas: SchemaSource = {
  name: `Kubernetes ${BUNDLED_KUBERNETES}`,
  async validatorFor(apiVersion, kind) {
    const { group, version } = splitApiVersion(apiVersion);
    const specifier = `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
    let Model: Model | undefined;
    try {
      Model = (require(specifier) as Record<string, Model>)[kind];
    } catch {
      return undefined;
    }
    const type = modelName(group, version, kind);
    if (!Model || !type) return undefined;
    const validator: ObjectValidator = (object) => {
      const problems = [];
      try {
        new Model(object).validate();
      } catch (cause) {
        const errors = (cause as { errors?: Parameters<typeof problemsFromAjv>[0] }).errors;
        if (!errors) throw cause;
        problems.push(...problemsFromAjv(errors, object));
      }
      problems.push(...unknownFields(object, type, typeTables()));
      return problems;
    };
    return validator;
  },
};
