'use strict';
// The plan as text for people and as JSON for CI; both say the same.
const { KUBERNETES_MINOR } = require('../constants');
const { describe } = require('./manifests');
const { VERDICTS, show } = require('./rules/common');

/**
 * @typedef {import('./verdicts').Plan} Plan
 * @typedef {import('./verdicts').PlanEntry} PlanEntry
 * @typedef {import('./diff').FieldChange} FieldChange
 * @typedef {import('./rules/common').Finding} Finding
 */

const ACTIONS = /** @type {const} */ ({ create: '+', update: '~', orphan: '-' });

/**
 * The exit code, as `terraform plan -detailed-exitcode`: 0 nothing changes, 2 changes none
 * refused, 1 a change is refused.
 * @param {Plan} plan
 */
function exitCode(plan) {
  if (plan.entries.some((entry) => entry.verdict === 'refused')) {
    return 1;
  }
  return plan.entries.length > 0 ? 2 : 0;
}

/**
 * How many entries have each action and each verdict.
 * @param {Plan} plan
 */
function summarize(plan) {
  /** @param {(entry: PlanEntry) => boolean} test */
  const count = (test) => plan.entries.filter(test).length;
  return {
    create: count((e) => e.action === 'create'),
    update: count((e) => e.action === 'update'),
    orphan: count((e) => e.action === 'orphan'),
    unchanged: plan.unchanged,
    ...Object.fromEntries(VERDICTS.map((verdict) => [verdict, count((e) => e.verdict === verdict)])),
  };
}

/** @param {FieldChange} change */
function diffLine(change) {
  const before = 'before' in change ? show(change.before) : '(none)';
  const after = 'after' in change ? show(change.after) : '(none)';
  return `      ${change.path}: ${before} → ${after}`;
}

/** @param {Finding} f */
function findingLines(f) {
  const indent = ' '.repeat(4 + 'disruptive'.length + 2);
  const lines = [`    ${f.verdict.padEnd('disruptive'.length)}  ${f.path ? `${f.path}: ` : ''}${f.message}`];
  lines.push(`${indent}rule: ${f.rule}`);
  if (f.remedy) {
    lines.push(`${indent}${f.verdict === 'orphaned' ? 'prune' : 'roll out'}: ${f.remedy}`);
  }
  return lines;
}

/**
 * The plan for people.
 * @param {Plan} plan
 * @param {string} against what the render was compared with
 */
function formatText(plan, against) {
  const heading =
    `Plan: a fresh render against ${against}, by the Kubernetes ${KUBERNETES_MINOR} update rules ` +
    'and kubectl apply (which deletes nothing).';
  if (plan.entries.length === 0) {
    return `${heading}\n\nNo changes: all ${plan.unchanged} objects are as in ${against}.\n`;
  }
  const blocks = plan.entries.map((entry) =>
    [
      `  ${ACTIONS[entry.action]} ${entry.action} ${describe(entry)} (${entry.file}): ${entry.verdict}`,
      ...entry.diff.map(diffLine),
      ...entry.findings.flatMap(findingLines),
    ].join('\n'),
  );
  const s = summarize(plan);
  const totals =
    `${s.create} to create, ${s.update} to update, ${s.orphan} orphaned, ${s.unchanged} unchanged; ` +
    VERDICTS.map((verdict) => `${/** @type {Record<string, number>} */ (s)[verdict]} ${verdict}`).join(', ');
  return `${heading}\n\n${blocks.join('\n\n')}\n\n${totals}.\n`;
}

/**
 * The plan for CI, with the exit code it implies.
 * @param {Plan} plan
 * @param {string} against
 */
function formatJson(plan, against) {
  const report = {
    kubernetesVersion: KUBERNETES_MINOR,
    against,
    exitCode: exitCode(plan),
    summary: summarize(plan),
    changes: plan.entries.map((entry) => ({ ...entry, namespace: entry.namespace || null })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

module.exports = { exitCode, formatJson, formatText, summarize };
