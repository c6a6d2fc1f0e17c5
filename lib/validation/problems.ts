import { IConstruct } from 'constructs';
import { RuleInfo } from './rule-catalog';
import { formatValue, labelKey, labelValue, Rule } from './rules';
import { acknowledgementOf, Warnings } from './warnings';

/**
 * Collects the broken rules of one construct and reports them through cdk8s's own validation
 * mechanism, so a synth lists every problem of every construct at once. Errors and contracts
 * fail synth; warnings are recorded for {@link Warnings} and fail synth only when strict.
 */
export class Problems {
  private readonly errors: string[] = [];
  private readonly warnings: { readonly rule: RuleInfo; readonly message: string }[] = [];

  /**
   * @param owner the construct whose settings are checked
   * @param kind the public class name used in messages, e.g. `NodePortService`
   */
  constructor(
    private readonly owner: IConstruct,
    private readonly kind: string,
  ) {
    owner.node.addValidation({ validate: () => this.validate() });
  }

  /** `NodePortService 'demo/nodeport'`: how messages name the construct. */
  public get subject(): string {
    return describe(this.owner, this.kind);
  }

  /** Records that `property` breaks `rule`, unless `problem` is undefined. */
  public check(rule: RuleInfo, property: string, value: unknown, problem: string | undefined): void;
  /** @deprecated pass the rule the check enforces */
  public check(property: string, value: unknown, problem: string | undefined): void;
  public check(...args: [RuleInfo, string, unknown, string | undefined] | [string, unknown, string | undefined]): void {
    if (typeof args[0] === 'string') {
      const [property, value, problem] = args as [string, unknown, string | undefined];
      if (problem !== undefined) {
        this.add(`${property} ${formatValue(value)} ${problem}`);
      }
      return;
    }
    const [rule, property, value, problem] = args as [RuleInfo, string, unknown, string | undefined];
    if (problem !== undefined) {
      this.record(rule, `${property} ${formatValue(value)} ${problem}`);
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
    this.errors.push(`${this.subject}: ${message}`);
  }

  /** Records that `rule` is broken, as `message` explains (without the construct's name). */
  public record(rule: RuleInfo, message: string): void {
    const text = `${this.subject}: ${message} [${rule.id}]`;
    if (rule.level === 'warning') {
      this.warnings.push({ rule, message: text });
      Warnings._raise(this.owner, rule, text);
    } else {
      this.errors.push(text);
    }
  }

  private validate(): string[] {
    if (!Warnings._strict(this.owner)) {
      return [...this.errors];
    }
    const unacknowledged = this.warnings.filter((w) => acknowledgementOf(this.owner, w.rule.id) === undefined);
    return [
      ...this.errors,
      ...unacknowledged.map((w) => `${w.message} (a warning, failing because warnings are strict)`),
    ];
  }
}

/** `ClassName 'construct/path'`, the prefix of every message about a construct. */
export function describe(construct: IConstruct, kind: string): string {
  return `${kind} '${construct.node.path}'`;
}
