/**
 * Every rule the constructs check, with the Kubernetes behaviour it mirrors. Each construct
 * file defines its own rules with {@link defineRules}; this catalog collects them so that the
 * documentation's rule table is generated from the same definitions the checks use.
 */

/**
 * How a broken rule is reported.
 * - `error`: the Kubernetes API server (or, for cluster-wide claims, the cluster) refuses the object; synth fails.
 * - `contract`: a relationship the construct props declare that no cluster can honour; synth fails.
 * - `warning`: the API server accepts the object, but it will probably not work as intended;
 *   synth prints it and goes on, unless it is acknowledged or warnings are strict.
 */
export type RuleLevel = 'error' | 'contract' | 'warning';

/** One rule, as listed in the documentation's rule table. */
export interface RuleInfo {
  /** A stable identifier such as `service/port-number`, used in messages and to acknowledge warnings. */
  readonly id: string;
  /** How a broken rule is reported. */
  readonly level: RuleLevel;
  /** The Kubernetes kind the rule is about, such as `Service`. */
  readonly object: string;
  /** The field, as a path in the rendered object, such as `spec.ports[].port`. */
  readonly field: string;
  /** What the API server does with a value that breaks the rule: rejects it, or accepts it and what follows. */
  readonly apiServer: string;
  /** The Kubernetes 1.27 function the rule mirrors, or why it is a construct contract. */
  readonly source: string;
}

/** A rule's definition, before the catalog gives it its object. */
export type RuleDefinition = Omit<RuleInfo, 'object'>;

const catalog = new Map<string, RuleInfo>();

/**
 * Defines the rules of one kind of object and adds them to the catalog.
 * @param object the Kubernetes kind, such as `Service`
 * @param definitions the rules, by a name the defining code uses
 */
export function defineRules<K extends string>(
  object: string,
  definitions: Record<K, RuleDefinition>,
): Record<K, RuleInfo> {
  const rules = {} as Record<K, RuleInfo>;
  for (const key of Object.keys(definitions) as K[]) {
    const rule = { ...definitions[key], object };
    if (catalog.has(rule.id)) {
      throw new Error(`rule id ${rule.id} is defined twice`);
    }
    catalog.set(rule.id, rule);
    rules[key] = rule;
  }
  return rules;
}

/** Every rule defined so far, ordered by object and id. */
export function ruleCatalog(): readonly RuleInfo[] {
  return [...catalog.values()].sort((a, b) => a.object.localeCompare(b.object) || a.id.localeCompare(b.id));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rule table as Markdown, one row per rule. */
export function ruleTable(rules: readonly RuleInfo[] = ruleCatalog()): string {
  const header = [
    '| Id | Level | Object | Field | What the API server does | Kubernetes 1.27 source |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const rows = rules.map(
    (r) =>
      `| \`${r.id}\` | ${r.level} | ${r.object} | \`${cell(r.field)}\` | ${cell(r.apiServer)} | ${cell(r.source)} |`,
  );
  return [...header, ...rows].join('\n') + '\n';
}
