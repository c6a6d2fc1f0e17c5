import { IConstruct } from 'constructs';
import { formatValue, labelKey, labelValue, Rule } from './rules';

/**
 * Collects the invalid settings of one construct and reports them through cdk8s's own
 * validation mechanism, so a synth lists every problem of every construct at once.
 */
export class Problems {
  private readonly messages: string[] = [];

  /**
   * @param owner the construct whose settings are checked
   * @param kind the public class name used in messages, e.g. `NodePortService`
   */
  constructor(
    private readonly owner: IConstruct,
    private readonly kind: string,
  ) {
    owner.node.addValidation({ validate: () => this.messages });
  }

  /** `NodePortService 'demo/nodeport'`: how messages name the construct. */
  public get subject(): string {
    return describe(this.owner, this.kind);
  }

  /** Records a problem with `property` unless `problem` is undefined. */
  public check(property: string, value: unknown, problem: string | undefined): void {
    if (problem !== undefined) {
      this.add(`${property} ${formatValue(value)} ${problem}`);
    }
  }

  /** Applies `rule` to `value`, recording a problem with `property` when it fails. */
  public rule<T>(property: string, value: T, rule: Rule<T>): void {
    this.check(property, value, rule(value));
  }

  /**
   * Checks an object's `name` with `rule`. A name cdk8s generated from the construct path
   * can fail too (a Service name must start with a letter); the message then says so.
   */
  public name(value: string, generated: boolean, rule: Rule<string>): void {
    const problem = rule(value);
    this.check(
      'name',
      value,
      problem && generated ? `(generated from the construct path) ${problem}; set name explicitly` : problem,
    );
  }

  /** Checks every key and value of a label map such as `labels` or `selector`. */
  public labels(property: string, labels: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(labels)) {
      this.check(`${property} key`, key, labelKey(key));
      this.check(`${property}[${JSON.stringify(key)}]`, value, labelValue(value));
    }
  }

  /** Checks every key of an annotation map; values are free text. */
  public annotations(property: string, annotations: Readonly<Record<string, string>>): void {
    for (const key of Object.keys(annotations)) {
      this.check(`${property} key`, key, labelKey(key));
    }
  }

  /** Records a problem that is not about one value, such as a wrong combination. */
  public add(message: string): void {
    this.messages.push(`${this.subject}: ${message}`);
  }
}

/** `ClassName 'construct/path'`, the prefix of every message about a construct. */
export function describe(construct: IConstruct, kind: string): string {
  return `${kind} '${construct.node.path}'`;
}
