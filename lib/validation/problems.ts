import { IConstruct } from 'constructs';
import { RuleInfo } from './rule-catalog';
import { ANNOTATIONS_SIZE_LIMIT, annotationsSize, METADATA_RULES } from '../object-meta.rules';
import { dns1123Label, formatValue, labelKey, labelValue, FormatCheck } from './formats';
import { Warnings } from './warnings';

/**
 * Collects the broken rules of one construct and reports them through cdk8s's own validation
 * mechanism, so a synth lists every problem of every construct at once. Errors and contracts
 * fail synth; warnings are recorded for {@link Warnings} and fail synth only when strict.
 */
export class Problems {
  private readonly errors: string[] = [];

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
  public check(rule: RuleInfo, property: string, value: unknown, problem: string | undefined): void {
    if (problem !== undefined) {
      this.record(rule, `${property} ${formatValue(value)} ${problem}`);
    }
  }

  /**
   * Checks an object's `name` with `check`, the format of its kind ({@link METADATA_RULES}.name).
   * A name cdk8s generated from the construct path can fail too (a Service name must start
   * with a letter); the message then says so.
   */
  public name(value: string, generated: boolean, check: FormatCheck<string>): void {
    const problem = check(value);
    this.check(
      METADATA_RULES.name,
      'name',
      value,
      problem && generated ? `(generated from the construct path) ${problem}; set name explicitly` : problem,
    );
  }

  /** Checks an object's namespace, when it has one: a DNS-1123 label ({@link METADATA_RULES}.namespace). */
  public namespace(value: string | undefined): void {
    if (value !== undefined) {
      this.check(METADATA_RULES.namespace, 'namespace', value, dns1123Label(value));
    }
  }

  /** Checks every key and value of a label map such as `labels` or `selector`. */
  public labels(property: string, labels: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(labels)) {
      this.check(METADATA_RULES.labelKey, `${property} key`, key, labelKey(key));
      this.check(METADATA_RULES.labelValue, `${property}[${JSON.stringify(key)}]`, value, labelValue(value));
    }
  }

  /**
   * Checks an annotation map: every key, which the API server lowercases before checking it
   * as a qualified name, and the size of all keys and values together. Values are free text.
   */
  public annotations(property: string, annotations: Readonly<Record<string, string>>): void {
    for (const key of Object.keys(annotations)) {
      this.check(
        METADATA_RULES.annotationKey,
        `${property} key`,
        key,
        labelKey(key.toLowerCase()) &&
          "must be a label key, in which an annotation key may also hold capitals: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
      );
    }
    const size = annotationsSize(annotations);
    if (size > ANNOTATIONS_SIZE_LIMIT) {
      this.record(
        METADATA_RULES.annotationsSize,
        `${property} hold ${size} bytes of keys and values; the API server accepts at most ${ANNOTATIONS_SIZE_LIMIT} (256 KiB)`,
      );
    }
  }

  /** Records that `rule` is broken, as `message` explains (without the construct's name). */
  public record(rule: RuleInfo, message: string): void {
    const text = `${this.subject}: ${message} [${rule.id}]`;
    if (rule.level === 'warning') {
      Warnings._raise(this.owner, rule, text);
    } else {
      this.errors.push(text);
    }
  }

  private validate(): string[] {
    if (!Warnings._strict(this.owner)) {
      return [...this.errors];
    }
    return [
      ...this.errors,
      ...Warnings._unacknowledged(this.owner).map((m) => `${m} (a warning, failing because warnings are strict)`),
    ];
  }
}

/** `ClassName 'construct/path'`, the prefix of every message about a construct. */
export function describe(construct: IConstruct, kind: string): string {
  return `${kind} '${construct.node.path}'`;
}
