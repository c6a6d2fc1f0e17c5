import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ObjectMeta } from '../imports/k8s';

export { ANNOTATIONS_SIZE_LIMIT, annotationsSize, METADATA_RULES } from './object-meta.rules';

/**
 * The metadata to pass to an L1 object, leaving out what is unset. cdk8s generates a name
 * and applies the chart's namespace only when the field is absent: a `name: undefined`
 * would override the generated name.
 */
export function objectMeta(fields: {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}): ObjectMeta {
  const meta: { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } = {};
  if (fields.name !== undefined) meta.name = fields.name;
  if (fields.namespace !== undefined) meta.namespace = fields.namespace;
  if (fields.labels !== undefined) meta.labels = { ...fields.labels };
  if (fields.annotations !== undefined) meta.annotations = { ...fields.annotations };
  return meta;
}

/**
 * The namespace a namespaced object of `scope` is rendered in: the one its props give, else its
 * chart's, as cdk8s applies it; undefined when neither is set (kubectl's current namespace).
 * Every namespaced construct resolves its namespace here, and checks it with
 * `Problems.namespace` ({@link METADATA_RULES}.namespace).
 */
export function resolveNamespace(scope: IConstruct, given: string | undefined): string | undefined {
  return given ?? Chart.of(scope).namespace;
}
