// The plan as text for people and as JSON for CI; both say the same.
import { describeObject, KUBERNETES_MINOR, PlanFinding, show, VERDICTS } from '../../lib/model';
import { FieldChange } from './diff';
import { Plan, PlanEntry } from './verdicts';

const ACTIONS = { create: '+', update: '~', orphan: '-' } as const;

/** The verdicts the summary counts: `orphaned` is the number of orphans, counted once, as an action. */
const COUNTED_VERDICTS = VERDICTS.filter((verdict) => verdict !== 'orphaned');

/**
 * The exit code, as `terraform plan -detailed-exitcode`: 0 nothing changes, 2 changes none
 * refused (unchecked ones included), 1 a change is refused.
 */
export function exitCode(plan: Plan): 0 | 1 | 2 {
  if (plan.entries.some((entry) => entry.verdict === 'refused')) {
    return 1;
  }
  return plan.entries.length > 0 ? 2 : 0;
}

/** How many entries have each action and each verdict but `orphaned`, which is the count of orphans. */
export function summarize(plan: Plan): Record<string, number> {
  const count = (test: (entry: PlanEntry) => boolean) => plan.entries.filter(test).length;
  return {
    create: count((e) => e.action === 'create'),
    update: count((e) => e.action === 'update'),
    orphan: count((e) => e.action === 'orphan'),
    unchanged: plan.unchanged,
    ...Object.fromEntries(COUNTED_VERDICTS.map((verdict) => [verdict, count((e) => e.verdict === verdict)])),
  };
}

function diffLine(change: FieldChange): string {
  const before = 'before' in change ? show(change.before) : '(none)';
  const after = 'after' in change ? show(change.after) : '(none)';
  return `      ${change.path}: ${before} → ${after}`;
}

function findingLines(f: PlanFinding): string[] {
  const width = 'disruptive'.length;
  const indent = ' '.repeat(4 + width + 2);
  const lines = [`    ${f.verdict.padEnd(width)}  ${f.path ? `${f.path}: ` : ''}${f.message}`];
  lines.push(`${indent}rule: ${f.rule}${f.ruleId ? ` [${f.ruleId}]` : ''}`);
  if (f.dependsOn) {
    lines.push(`${indent}depends on the cluster: ${f.dependsOn}`);
  }
  if (f.remedy) {
    lines.push(`${indent}${f.verdict === 'orphaned' ? 'prune' : 'roll out'}: ${f.remedy}`);
  }
  return lines;
}

/** The plan for people; `against` names what the render was compared with. */
export function formatText(plan: Plan, against: string): string {
  const heading =
    `Plan: a fresh render against ${against}, by the Kubernetes ${KUBERNETES_MINOR} rules ` +
    'and kubectl apply (which deletes nothing).';
  if (plan.entries.length === 0) {
    return `${heading}\n\nNo changes: all ${plan.unchanged} objects are as in ${against}.\n`;
  }
  const blocks = plan.entries.map((entry) =>
    [
      `  ${ACTIONS[entry.action]} ${entry.action} ${describeObject(entry)} (${entry.file}): ${entry.verdict}`,
      ...entry.diff.map(diffLine),
      ...entry.findings.flatMap(findingLines),
    ].join('\n'),
  );
  const s = summarize(plan);
  const totals =
    `${s.create} to create, ${s.update} to update, ${s.orphan} orphaned, ${s.unchanged} unchanged; ` +
    COUNTED_VERDICTS.map((verdict) => `${s[verdict]} ${verdict}`).join(', ');
  return `${heading}\n\n${blocks.join('\n\n')}\n\n${totals}.\n`;
}

/** The plan for CI, with the exit code it implies. */
export function formatJson(plan: Plan, against: string): string {
  const report = {
    kubernetesVersion: KUBERNETES_MINOR,
    against,
    exitCode: exitCode(plan),
    summary: summarize(plan),
    changes: plan.entries.map((entry) => ({ ...entry, namespace: entry.namespace || null })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
