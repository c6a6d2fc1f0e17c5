'use strict';
// Deployments and StatefulSets under the 1.27 API server: which updates it refuses, and
// which accepted ones stop pods or take them away from the Services that select them.
const { APPLY_COMMAND } = require('../../constants');
const { change, finding, kubectlDelete, semantic, semanticEqual, show } = require('./common');

/**
 * @typedef {import('./common').Finding} Finding
 * @typedef {import('./common').PlanContext} PlanContext
 * @typedef {import('../manifests').Manifest} Manifest
 * @typedef {{ matchLabels?: Record<string, string>, matchExpressions?: { key: string, operator: string, values?: string[] }[] }} LabelSelector
 */

const APPS_VALIDATION = 'pkg/apis/apps/validation/validation.go';
const RULES = {
  deploymentSelector:
    'deploymentStrategy.ValidateUpdate: ValidateImmutableField(spec.selector) (pkg/registry/apps/deployment/strategy.go)',
  deploymentTemplate: `ValidateDeploymentUpdate → ValidateDeploymentSpec: selector must match template labels (${APPS_VALIDATION})`,
  statefulSetSpec: `ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change (${APPS_VALIDATION})`,
  statefulSetTemplate: `ValidateStatefulSetUpdate → ValidateStatefulSetSpec: selector must match template labels (${APPS_VALIDATION})`,
  scaling:
    'the Deployment and StatefulSet controllers create or delete pods to match spec.replicas; SetDefaults_Deployment and SetDefaults_StatefulSet make it 1 when left out',
  deploymentRollout: 'the Deployment controller replaces pods by spec.strategy (pkg/controller/deployment)',
  statefulSetRollout: 'the StatefulSet controller replaces pods by spec.updateStrategy (pkg/controller/statefulset)',
  endpoints: 'the EndpointSlice controller: a Service sends traffic to the ready pods its selector matches',
};

// ValidateStatefulSetUpdate copies these from the old object before comparing the specs.
const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

/**
 * Whether a label selector matches `labels`, as metav1.LabelSelectorAsSelector evaluates it.
 * @param {LabelSelector | undefined} selector
 * @param {Record<string, string>} labels
 */
function selectorMatches(selector, labels) {
  if (!selector) {
    return false;
  }
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/**
 * Whether a Service's selector (a plain map) selects pods labelled `labels`.
 * @param {Record<string, string>} selector
 * @param {Record<string, string>} labels
 */
function serviceSelects(selector, labels) {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * The labels of the pods an object creates, when it creates pods.
 * @param {import('./common').Manifest} manifest
 * @returns {Record<string, string> | undefined}
 */
function podLabels({ kind, object }) {
  switch (kind) {
    case 'Pod':
      return object.metadata?.labels ?? {};
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return object.spec?.template?.metadata?.labels ?? {};
    default:
      return undefined;
  }
}

/**
 * The pod labels of every object in `namespace` that creates pods.
 * @param {Manifest[]} manifests
 * @param {string} namespace
 */
function podLabelsIn(manifests, namespace) {
  return manifests
    .filter((m) => m.namespace === namespace)
    .map(podLabels)
    .filter((labels) => labels !== undefined);
}

/** @param {Manifest} manifest */
const replicas = ({ object }) => object.spec?.replicas ?? 1;

/**
 * The template must carry the labels the selector asks for, on create as on update.
 * @param {Manifest} manifest
 * @param {string} rule
 * @returns {Finding[]}
 */
function selectorMatchesTemplate(manifest, rule) {
  const spec = manifest.object.spec ?? {};
  const labels = spec.template?.metadata?.labels ?? {};
  if (selectorMatches(spec.selector, labels)) {
    return [];
  }
  return [
    finding(
      'refused',
      'spec.template.metadata.labels',
      `the pod template labels ${show(labels)} do not match spec.selector ${show(spec.selector)}`,
      rule,
      'fix the render: the API server refuses this object whatever the cluster holds',
    ),
  ];
}

/**
 * A new replica count; left out of the manifest, kubectl apply removes it and the API server
 * defaults it to 1.
 * @param {Manifest} before
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function scaling(before, after) {
  const [from, to] = [replicas(before), replicas(after)];
  if (from === to) {
    return [];
  }
  const leftOut = after.object.spec?.replicas === undefined ? ' (left out, replicas is 1)' : '';
  if (to === 0) {
    return [
      finding(
        'disruptive',
        'spec.replicas',
        `replicas ${from} → 0: every pod stops, and the Services that select them have no endpoints left`,
        RULES.scaling,
      ),
    ];
  }
  return [finding('safe', 'spec.replicas', `scales from ${from} to ${to} pods${leftOut}`, RULES.scaling)];
}

/**
 * Services of the new render whose selector matched the old pod labels but not the new ones.
 * @param {Manifest} before
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function servicesLosingPods(before, after, context) {
  const oldLabels = podLabels(before) ?? {};
  const newLabels = podLabels(after) ?? {};
  return context.next
    .filter((m) => m.kind === 'Service' && m.namespace === after.namespace)
    .filter((m) => m.object.spec?.type !== 'ExternalName' && semantic(m.object.spec?.selector) !== undefined)
    .filter(
      (m) => serviceSelects(m.object.spec.selector, oldLabels) && !serviceSelects(m.object.spec.selector, newLabels),
    )
    .map((service) =>
      finding(
        'disruptive',
        'spec.template.metadata.labels',
        `Service ${service.name} selects ${show(service.object.spec.selector)}, which the new pod labels do not carry: ` +
          'it loses these pods as they are replaced',
        RULES.endpoints,
      ),
    );
}

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function deploymentRollout(before, after) {
  if (semanticEqual(before.object.spec?.template, after.object.spec?.template)) {
    return [];
  }
  const strategy = after.object.spec?.strategy ?? {};
  if (strategy.type === 'Recreate') {
    return [
      finding(
        'disruptive',
        'spec.template',
        'the pod template changed and spec.strategy is Recreate: every pod stops before the new ones start',
        RULES.deploymentRollout,
      ),
    ];
  }
  const unavailable = strategy.rollingUpdate?.maxUnavailable ?? '25%';
  const surge = strategy.rollingUpdate?.maxSurge ?? '25%';
  return [
    finding(
      'safe',
      'spec.template',
      `the pod template changed: a rolling update replaces the pods (maxUnavailable ${unavailable}, maxSurge ${surge})`,
      RULES.deploymentRollout,
    ),
  ];
}

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function deploymentUpdate(before, after, context) {
  /** @type {Finding[]} */
  const findings = [];
  if (!semanticEqual(before.object.spec?.selector, after.object.spec?.selector)) {
    findings.push(
      finding(
        'refused',
        'spec.selector',
        `${change('spec.selector', before.object.spec?.selector, after.object.spec?.selector)}: ` +
          'a Deployment selector is immutable (apps/v1)',
        RULES.deploymentSelector,
        `delete and recreate it: \`${kubectlDelete(after)}\` then \`${APPLY_COMMAND}\`; its pods stop until ` +
          `the new ones are ready. To keep serving: \`${kubectlDelete(after, '--cascade=orphan')}\` leaves the old ` +
          'ReplicaSet and pods running, apply, then delete that ReplicaSet once the new pods are ready',
      ),
    );
  }
  findings.push(
    ...selectorMatchesTemplate(after, RULES.deploymentTemplate),
    ...scaling(before, after),
    ...deploymentRollout(before, after),
    ...servicesLosingPods(before, after, context),
  );
  return findings;
}

/**
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function deploymentCreate(after) {
  return selectorMatchesTemplate(after, RULES.deploymentTemplate);
}

/**
 * The part of a StatefulSet spec that may not change, with the defaults SetDefaults_StatefulSet
 * and SetDefaults_PersistentVolumeClaimSpec give both sides before they are compared.
 * @param {Record<string, any> | undefined} spec
 * @returns {Record<string, any>}
 */
function frozenStatefulSetSpec(spec = {}) {
  /** @type {Record<string, any>} */
  const frozen = { podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, ...spec };
  for (const field of STATEFULSET_MUTABLE) {
    delete frozen[field];
  }
  if (Array.isArray(spec.volumeClaimTemplates)) {
    frozen.volumeClaimTemplates = spec.volumeClaimTemplates.map((/** @type {any} */ claim) => ({
      ...claim,
      spec: { volumeMode: 'Filesystem', ...claim?.spec },
      status: undefined,
    }));
  }
  return frozen;
}

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function statefulSetRollout(before, after) {
  if (semanticEqual(before.object.spec?.template, after.object.spec?.template)) {
    return [];
  }
  const strategy = after.object.spec?.updateStrategy ?? {};
  const message =
    strategy.type === 'OnDelete'
      ? 'the pod template changed and spec.updateStrategy is OnDelete: each pod keeps the old template until it is deleted'
      : 'the pod template changed: the pods are replaced one at a time, highest ordinal first' +
        (strategy.rollingUpdate?.partition ? ` (only ordinals ${strategy.rollingUpdate.partition} and up)` : '');
  return [finding('safe', 'spec.template', message, RULES.statefulSetRollout)];
}

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function statefulSetUpdate(before, after, context) {
  const old = frozenStatefulSetSpec(before.object.spec);
  const now = frozenStatefulSetSpec(after.object.spec);
  const remedy =
    `\`${kubectlDelete(after, '--cascade=orphan')}\` then \`${APPLY_COMMAND}\`: the pods and their volumes ` +
    'keep running and the new StatefulSet adopts the pods its selector matches (delete the others once the new ' +
    'ones are ready); existing PersistentVolumeClaims keep their size and class, only new ones follow ' +
    'volumeClaimTemplates';
  const changed = [...new Set([...Object.keys(old), ...Object.keys(now)])]
    .sort()
    .filter((field) => !semanticEqual(old[field], now[field]));
  return [
    ...changed.map((field) =>
      finding(
        'refused',
        `spec.${field}`,
        `${change(`spec.${field}`, semantic(old[field]), semantic(now[field]))}: a StatefulSet may not change it`,
        RULES.statefulSetSpec,
        remedy,
      ),
    ),
    ...selectorMatchesTemplate(after, RULES.statefulSetTemplate),
    ...scaling(before, after),
    ...statefulSetRollout(before, after),
    ...servicesLosingPods(before, after, context),
  ];
}

/**
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function statefulSetCreate(after) {
  return selectorMatchesTemplate(after, RULES.statefulSetTemplate);
}

module.exports = {
  RULES,
  deploymentCreate,
  deploymentUpdate,
  podLabelsIn,
  selectorMatches,
  serviceSelects,
  statefulSetCreate,
  statefulSetUpdate,
};
