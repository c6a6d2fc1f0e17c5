import { Construct, IConstruct } from 'constructs';
import { ruleCatalog, RuleInfo } from './rule-catalog';

/** A warning one construct raised: Kubernetes accepts the object, but it will probably not work as intended. */
export interface ValidationWarning {
  /** The construct path, e.g. `shop/web-svc`. */
  readonly path: string;
  /** The rule's id, e.g. `service/selector-matches-no-pods`. */
  readonly id: string;
  /** The whole message: construct, property, value and why. */
  readonly message: string;
  /** Why the warning was acknowledged; undefined while it is not. */
  readonly acknowledged?: string;
}

/** How an app treats the warnings its constructs raise. */
export interface WarningOptions {
  /**
   * Fail synth on every warning that is not acknowledged, as if it were an error.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Called once with each warning that is not acknowledged, at the first synth that sees it
   * (never in strict mode). cdk8s validates the app again for every chart it writes; a
   * warning is reported only once all the same.
   * @default - each warning is written to the console's error stream
   */
  readonly report?: (warning: ValidationWarning) => void;
}

interface Raised {
  readonly owner: IConstruct;
  readonly rule: RuleInfo;
  readonly message: string;
}

/**
 * The global symbol under which a program running an app (such as `service-types synth`)
 * installs a function that receives the warnings no app option reports otherwise.
 */
export const WARNING_REPORTER = Symbol.for('service-types.warning-reporter');

const acknowledgements = new WeakMap<IConstruct, Map<string, string>>();
const options = new WeakMap<IConstruct, WarningOptions>();
const raised = new WeakMap<IConstruct, Raised[]>();
// The same warnings by the construct that raised them, so that each construct's validation
// finds its own without going through the whole app's.
const raisedBy = new WeakMap<IConstruct, Raised[]>();
const deferred = new WeakMap<IConstruct, ((constructs: readonly IConstruct[]) => void)[]>();

/**
 * The warnings of an app: acknowledging them, making them strict, listing them.
 *
 * Modelled on aws-cdk's `Annotations.acknowledgeWarning`: a warning is acknowledged by its
 * rule id on a construct, and the acknowledgement covers that construct and all its children.
 */
export class Warnings {
  /**
   * Acknowledges warning `id` on `scope` and everything below it, so that synth neither prints
   * it nor, when strict, fails on it.
   * @param id the id of a warning rule; any other id throws, naming the nearest warning id, so
   *   that a typo cannot leave a warning silently unacknowledged
   * @param reason why the warning does not apply, kept with it for readers of `list()`
   */
  public static acknowledge(scope: IConstruct, id: string, reason: string): void {
    const problem = unacknowledgeable(id);
    if (problem !== undefined) {
      throw new Error(`Warnings.acknowledge on '${scope.node.path}': ${problem}`);
    }
    const map = acknowledgements.get(scope) ?? new Map<string, string>();
    map.set(id, reason);
    acknowledgements.set(scope, map);
  }

  /** Sets how the app that `scope` belongs to treats warnings; later calls replace earlier ones. */
  public static configure(scope: IConstruct, warningOptions: WarningOptions): void {
    options.set(scope.node.root, warningOptions);
  }

  /** Every warning raised by `scope` and the constructs below it, acknowledged ones included. */
  public static list(scope: IConstruct): readonly ValidationWarning[] {
    const all = raised.get(scope.node.root) ?? [];
    return all
      .filter((w) => w.owner.node.scopes.includes(scope))
      .map((w) => ({
        path: w.owner.node.path,
        id: w.rule.id,
        message: w.message,
        acknowledged: acknowledgementOf(w.owner, w.rule.id),
      }));
  }

  /** @internal Records a warning of `owner`. */
  public static _raise(owner: IConstruct, rule: RuleInfo, message: string): void {
    const warning = { owner, rule, message };
    raisedIn(owner.node.root).push(warning);
    const own = raisedBy.get(owner);
    if (own === undefined) {
      raisedBy.set(owner, [warning]);
    } else {
      own.push(warning);
    }
  }

  /** @internal The messages of the warnings `owner` itself raised that nothing acknowledges. */
  public static _unacknowledged(owner: IConstruct): string[] {
    return (raisedBy.get(owner) ?? [])
      .filter((w) => acknowledgementOf(owner, w.rule.id) === undefined)
      .map((w) => w.message);
  }

  /**
   * @internal Runs `check` once, when the app of `owner` is first validated and before any
   * construct's own validation, so that `check` sees constructs added after `owner` and the
   * warnings it raises are reported (and, when strict, fail synth) like any other. Every check
   * is given the same list of the app's constructs (`node.findAll()` of the root), listed once.
   */
  public static _defer(owner: IConstruct, check: (constructs: readonly IConstruct[]) => void): void {
    const root = owner.node.root;
    const pending = deferred.get(root);
    if (pending !== undefined) {
      pending.push(check);
      return;
    }
    deferred.set(root, [check]);
    // The root is validated first; a reporter created during validation would never run.
    root.node.addValidation({
      validate: () => {
        const checks = deferred.get(root) ?? [];
        deferred.set(root, []);
        if (checks.length > 0) {
          const constructs = root.node.findAll();
          checks.forEach((c) => c(constructs));
        }
        return [];
      },
    });
    raisedIn(root);
  }

  /** @internal Whether the app of `scope` fails on unacknowledged warnings. */
  public static _strict(scope: IConstruct): boolean {
    return options.get(scope.node.root)?.strict === true;
  }

  private constructor() {}
}

/** The warnings raised in the app of `root`; the first call gives the app its reporter. */
function raisedIn(root: IConstruct): Raised[] {
  let list = raised.get(root);
  if (list === undefined) {
    list = [];
    raised.set(root, list);
    new WarningReporter(root);
  }
  return list;
}

/** One per app with warnings: it reports them when cdk8s validates the app, each one once. */
class WarningReporter extends Construct {
  private readonly reported = new Set<string>();

  constructor(root: IConstruct) {
    super(root as Construct, 'ServiceTypesWarnings');
    this.node.addValidation({ validate: () => this.report() });
  }

  private report(): string[] {
    const root = this.node.root;
    const appOptions = options.get(root) ?? {};
    if (!appOptions.strict) {
      const report =
        appOptions.report ?? processReporter() ?? ((w: ValidationWarning) => console.error(`Warning: ${w.message}`));
      for (const warning of Warnings.list(root)) {
        const key = `${warning.path}\u0000${warning.message}`;
        if (warning.acknowledged === undefined && !this.reported.has(key)) {
          this.reported.add(key);
          report(warning);
        }
      }
    }
    return [];
  }
}

/**
 * The reporter a program running the app installed for the whole process under
 * {@link WARNING_REPORTER}: `service-types synth` collects the warnings this way, to print
 * each once and to fail on them with `--strict`, whichever copy of the library the app loaded.
 */
function processReporter(): ((warning: ValidationWarning) => void) | undefined {
  const reporter = (globalThis as Record<symbol, unknown>)[WARNING_REPORTER];
  return typeof reporter === 'function' ? (reporter as (warning: ValidationWarning) => void) : undefined;
}

/** Why `id` cannot be acknowledged: not a rule, or not a warning; undefined for a warning's id. */
function unacknowledgeable(id: string): string | undefined {
  const rules = ruleCatalog();
  const rule = rules.find((r) => r.id === id);
  if (rule !== undefined) {
    return rule.level === 'warning'
      ? undefined
      : `${JSON.stringify(id)} is ${rule.level === 'error' ? 'an error' : 'a contract'}, which fails synth whatever is acknowledged; only warnings can be acknowledged`;
  }
  const warnings = rules.filter((r) => r.level === 'warning').map((r) => r.id);
  const nearest = warnings.reduce((best, candidate) =>
    editDistance(id, candidate) < editDistance(id, best) ? candidate : best,
  );
  return `${JSON.stringify(id)} is not the id of a warning; did you mean ${JSON.stringify(nearest)}? (docs/validation-rules.md lists them all)`;
}

/** The Levenshtein distance: how many characters to insert, delete or replace to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The reason `id` was acknowledged on `construct` or one of its scopes, nearest first. */
function acknowledgementOf(construct: IConstruct, id: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const reason = acknowledgements.get(scope)?.get(id);
    if (reason !== undefined) {
      return reason;
    }
  }
  return undefined;
}
