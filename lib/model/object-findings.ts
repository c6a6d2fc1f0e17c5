/*
 * Findings of the create-time checks: what the Kubernetes 1.27 API server refuses (errors) or
 * accepts though it will not work (warnings) in one object, whoever built it.
 */
import { RuleInfo } from '../validation/rule-catalog';
import { FormatCheck } from '../validation/formats';
import { KubeObject, objectRef } from './objects';

/** How bad a finding is: the API server refuses the object, or accepts it though it will not work. */
export type Severity = 'error' | 'warning';

/** One broken rule in one object. */
export interface ObjectFinding {
  /** The rule's id, as the constructs' messages and the rule table name it, such as `service/port-number`. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly kind: string;
  /** The object's namespace; empty for cluster-scoped objects and when the manifest leaves it to kubectl. */
  readonly namespace: string;
  readonly name: string;
  /** The field, such as `spec.ports[1].nodePort`. */
  readonly path: string;
  /** The value found there; undefined when the field is missing. */
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Options of the create-time checks. */
export interface CheckOptions {
  /**
   * Whether the object is created or replaces one that exists: a few rules hold on create only
   * (ValidateIngressCreate's class annotation).
   * @default 'create'
   */
  readonly operation?: 'create' | 'update';
  /**
   * The cluster's node port range, as the API server's `--service-node-port-range`.
   * @default '30000-32767'
   */
  readonly nodePortRange?: string;
}

/** Collects the findings of one object. */
export class FindingCollector {
  public readonly findings: ObjectFinding[] = [];
  private readonly id: { kind: string; namespace: string; name: string };

  constructor(object: KubeObject) {
    const { kind, namespace, name } = objectRef(object);
    this.id = { kind, namespace, name };
  }

  /** Records that the value at `path` breaks `rule`, unless `problem` is undefined. */
  public check(rule: RuleInfo, path: string, value: unknown, problem: string | undefined): void {
    if (problem !== undefined) {
      this.findings.push({
        ruleId: rule.id,
        severity: rule.level === 'warning' ? 'warning' : 'error',
        ...this.id,
        path,
        value,
        message: problem,
      });
    }
  }

  /** Checks a value with a format rule, as text (the schema check refuses values of other types). */
  public format(rule: RuleInfo, path: string, value: unknown, format: FormatCheck<string>): void {
    this.check(rule, path, value, format(String(value)));
  }
}

/** `path[index]`, or `path.key`. */
export const at = (path: string, key: string | number): string =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`;

/** The entries of a list field; none when it is not a list. */
export const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** The entries of a map field; none when it is not a map. */
export const entries = (value: unknown): [string, unknown][] =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
