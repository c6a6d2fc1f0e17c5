'use strict';
// The plan: every object of the new render matched with the previous render by kind,
// namespace and name, its field-level diff, and a verdict from its kind's 1.27 rules, under
// `kubectl apply -f dist/`, which creates and updates and never deletes.
const { APPLY_COMMAND, KUBERNETES_MINOR } = require('../constants');
const { diffObjects } = require('./diff');
const { VERDICTS, finding, kubectlDelete } = require('./rules/common');
const { ingressUpdate } = require('./rules/ingress');
const { namespaceUpdate } = require('./rules/namespace');
const { serviceCreate, serviceLeftRunning, serviceUpdate } = require('./rules/service');
const { deploymentCreate, deploymentUpdate, statefulSetCreate, statefulSetUpdate } = require('./rules/workloads');

/**
 * @typedef {import('./manifests').Manifest} Manifest
 * @typedef {import('./diff').FieldChange} FieldChange
 * @typedef {import('./rules/common').Finding} Finding
 * @typedef {import('./rules/common').PlanContext} PlanContext
 * @typedef {import('./rules/common').Verdict} Verdict
 * @typedef {'create' | 'update' | 'orphan'} Action
 * @typedef {object} PlanEntry
 * @property {Action} action
 * @property {string} kind
 * @property {string} namespace empty for cluster-scoped objects
 * @property {string} name
 * @property {string} file the file of the new render, or of the previous one for an orphan
 * @property {Verdict} verdict the most severe of the findings
 * @property {FieldChange[]} diff empty but for updates
 * @property {Finding[]} findings
 * @typedef {{ entries: PlanEntry[], unchanged: number }} Plan
 */

/** @type {Record<string, (before: Manifest, after: Manifest, context: PlanContext) => Finding[]>} */
const UPDATE_RULES = {
  Namespace: namespaceUpdate,
  Deployment: deploymentUpdate,
  StatefulSet: statefulSetUpdate,
  Service: serviceUpdate,
  Ingress: ingressUpdate,
};

/** @type {Record<string, (after: Manifest, context: PlanContext) => Finding[]>} */
const CREATE_RULES = {
  Deployment: deploymentCreate,
  StatefulSet: statefulSetCreate,
  Service: serviceCreate,
};

const UNMODELLED = `the plan models the Kubernetes ${KUBERNETES_MINOR} update rules of ${Object.keys(UPDATE_RULES).join(', ')}`;
const PRUNE_RULE = 'kubectl apply creates and updates the objects it is given and deletes none without --prune';

/** @type {Record<string, (manifest: Manifest) => string>} what keeps happening while an object is left behind */
const LEFT_RUNNING = {
  Service: serviceLeftRunning,
  Deployment: () => 'its pods keep running, and Services that select them keep sending them traffic',
  StatefulSet: () => 'its pods and their volumes keep running, and Services that select them keep sending them traffic',
  Ingress: () => 'its controller keeps routing its hosts and paths',
};

/**
 * The most severe verdict of `findings`, or `fallback` when there are none.
 * @param {Finding[]} findings
 * @param {Verdict} fallback
 * @returns {Verdict}
 */
function worst(findings, fallback) {
  const ranks = findings.map((f) => VERDICTS.indexOf(f.verdict));
  return ranks.length === 0 ? fallback : VERDICTS[Math.min(...ranks)];
}

/**
 * Why an object of the previous render stays in the cluster, and how to remove it.
 * @param {Manifest} before
 * @param {PlanContext} context
 * @returns {Finding}
 */
function orphanFinding(before, context) {
  if (before.kind === 'Namespace') {
    const inside = context.previous.filter((m) => m.namespace === before.name).length;
    return finding(
      'orphaned',
      undefined,
      `${APPLY_COMMAND} does not delete it: the namespace and every object in it keep running`,
      PRUNE_RULE,
      `\`${kubectlDelete(before)}\` deletes it with everything in it (${inside} object${inside === 1 ? '' : 's'} of the previous render)`,
    );
  }
  const moved = context.next.find(
    (m) => m.kind === before.kind && m.name === before.name && m.namespace !== before.namespace,
  );
  const namespaceLeft = context.orphaned.some((m) => m.kind === 'Namespace' && m.name === before.namespace);
  const running = LEFT_RUNNING[before.kind]?.(before) ?? 'it stays in the cluster';
  return finding(
    'orphaned',
    undefined,
    `${APPLY_COMMAND} does not delete it: ${running}` +
      (moved ? `; the render has it in namespace ${moved.namespace} now` : ''),
    PRUNE_RULE,
    `\`${kubectlDelete(before)}\`` +
      (namespaceLeft ? `, or \`kubectl delete namespace ${before.namespace}\` with everything in it` : ''),
  );
}

/**
 * Compares two renders.
 * @param {Manifest[]} previous
 * @param {Manifest[]} next
 * @returns {Plan}
 */
function planChanges(previous, next) {
  const before = new Map(previous.map((m) => [m.key, m]));
  const nextKeys = new Set(next.map((m) => m.key));
  const orphaned = previous.filter((m) => !nextKeys.has(m.key));
  /** @type {PlanContext} */
  const context = { previous, next, orphaned };
  /** @type {PlanEntry[]} */
  const entries = [];
  let unchanged = 0;
  for (const after of next) {
    const old = before.get(after.key);
    const id = { kind: after.kind, namespace: after.namespace, name: after.name, file: after.file };
    if (!old) {
      const findings = (CREATE_RULES[after.kind] ?? (() => []))(after, context);
      entries.push({ action: 'create', ...id, verdict: worst(findings, 'safe'), diff: [], findings });
      continue;
    }
    const diff = diffObjects(old.object, after.object);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const rules = UPDATE_RULES[after.kind];
    const findings = rules
      ? rules(old, after, context)
      : [
          finding(
            'safe',
            undefined,
            `no update rules are checked for ${after.kind}: only the diff is shown`,
            UNMODELLED,
          ),
        ];
    entries.push({ action: 'update', ...id, verdict: worst(findings, 'safe'), diff, findings });
  }
  for (const old of orphaned) {
    const findings = [orphanFinding(old, context)];
    entries.push({
      action: 'orphan',
      kind: old.kind,
      namespace: old.namespace,
      name: old.name,
      file: old.file,
      verdict: 'orphaned',
      diff: [],
      findings,
    });
  }
  return { entries, unchanged };
}

module.exports = { planChanges };
