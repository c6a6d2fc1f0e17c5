/*
 * Deployments and StatefulSets under the 1.27 API server: which updates it refuses, and which
 * accepted ones stop pods or take them away from the Services that select them. A template
 * whose labels miss the selector is a create-time rule ({@link checkObject}), checked on
 * every new or changed object.
 */
import { change, ObjectRef, podLabels, semantic, semanticEqual, serviceSelects } from './objects';
import { finding, kubectlDelete, PlanContext, PlanFinding } from './plan';

const APPS_VALIDATION = 'pkg/apis/apps/validation/validation.go';

/** The Kubernetes code or behaviour each workload finding follows. */
export const WORKLOAD_UPDATE_RULES = {
  deploymentSelector:
    'deploymentStrategy.ValidateUpdate: ValidateImmutableField(spec.selector) (pkg/registry/apps/deployment/strategy.go)',
  statefulSetSpec: `ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change (${APPS_VALIDATION})`,
  scaling:
    'the Deployment and StatefulSet controllers create or delete pods to match spec.replicas; SetDefaults_Deployment and SetDefaults_StatefulSet make it 1 when left out',
  deploymentRollout: 'the Deployment controller replaces pods by spec.strategy (pkg/controller/deployment)',
  statefulSetRollout: 'the StatefulSet controller replaces pods by spec.updateStrategy (pkg/controller/statefulset)',
  statefulSetOnDelete: `SetDefaults_StatefulSet gives a RollingUpdate strategy rollingUpdate {partition: 0}; kubectl apply's patch removes only the fields the previous manifest stated, and ValidateStatefulSetSpec allows rollingUpdate only with type RollingUpdate (${APPS_VALIDATION})`,
  endpoints: 'the EndpointSlice controller: a Service sends traffic to the ready pods its selector matches',
  defaultStorageClass:
    'the DefaultStorageClass admission plugin gives a PersistentVolumeClaim without storageClassName the default StorageClass (plugin/pkg/admission/storage/storageclass/setdefault)',
} as const;

// ValidateStatefulSetUpdate copies these from the old object before comparing the specs.
const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

const replicas = ({ object }: ObjectRef): number => object.spec?.replicas ?? 1;

/** A new replica count; left out of the manifest, kubectl apply removes it and the API server defaults it to 1. */
function scaling(before: ObjectRef, after: ObjectRef): PlanFinding[] {
  const [from, to] = [replicas(before), replicas(after)];
  // A negative count is refused by the create-time checks.
  if (from === to || to < 0) {
    return [];
  }
  const leftOut = after.object.spec?.replicas === undefined ? ' (left out, replicas is 1)' : '';
  if (to === 0) {
    return [
      finding(
        'disruptive',
        'spec.replicas',
        `replicas ${from} → 0: every pod stops, and the Services that select them have no endpoints left`,
        WORKLOAD_UPDATE_RULES.scaling,
      ),
    ];
  }
  return [
    finding('safe', 'spec.replicas', `scales from ${from} to ${to} pods${leftOut}`, WORKLOAD_UPDATE_RULES.scaling),
  ];
}

/** Services of the new render whose selector matched the old pod labels but not the new ones. */
function servicesLosingPods(before: ObjectRef, after: ObjectRef, context: PlanContext): PlanFinding[] {
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
        `Service ${service.name} selects ${JSON.stringify(service.object.spec.selector)}, which the new pod labels do not carry: ` +
          'it loses these pods as they are replaced',
        WORKLOAD_UPDATE_RULES.endpoints,
      ),
    );
}

function deploymentRollout(before: ObjectRef, after: ObjectRef): PlanFinding[] {
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
        WORKLOAD_UPDATE_RULES.deploymentRollout,
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
      WORKLOAD_UPDATE_RULES.deploymentRollout,
    ),
  ];
}

/** The findings for a Deployment that exists and changes. */
export function deploymentUpdate(before: ObjectRef, after: ObjectRef, context: PlanContext): PlanFinding[] {
  const findings: PlanFinding[] = [];
  if (!semanticEqual(before.object.spec?.selector, after.object.spec?.selector)) {
    findings.push(
      finding(
        'refused',
        'spec.selector',
        `${change('spec.selector', before.object.spec?.selector, after.object.spec?.selector)}: ` +
          'a Deployment selector is immutable (apps/v1)',
        WORKLOAD_UPDATE_RULES.deploymentSelector,
        `delete and recreate it: \`${kubectlDelete(after)}\` then \`${context.applyCommand}\`; its pods stop until ` +
          `the new ones are ready. To keep serving: \`${kubectlDelete(after, '--cascade=orphan')}\` leaves the old ` +
          'ReplicaSet and pods running, apply, then delete that ReplicaSet once the new pods are ready',
      ),
    );
  }
  findings.push(
    ...scaling(before, after),
    ...deploymentRollout(before, after),
    ...servicesLosingPods(before, after, context),
  );
  return findings;
}

/**
 * The part of a StatefulSet spec that may not change, with the defaults SetDefaults_StatefulSet
 * and SetDefaults_PersistentVolumeClaimSpec give both sides before they are compared.
 */
function frozenStatefulSetSpec(spec: Record<string, any> = {}): Record<string, any> {
  const frozen: Record<string, any> = { podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, ...spec };
  for (const field of STATEFULSET_MUTABLE) {
    delete frozen[field];
  }
  if (Array.isArray(spec.volumeClaimTemplates)) {
    frozen.volumeClaimTemplates = spec.volumeClaimTemplates.map((claim: any) => ({
      ...claim,
      spec: { volumeMode: 'Filesystem', ...claim?.spec },
      status: undefined,
    }));
  }
  return frozen;
}

function statefulSetRollout(before: ObjectRef, after: ObjectRef): PlanFinding[] {
  if (semanticEqual(before.object.spec?.template, after.object.spec?.template)) {
    return [];
  }
  const strategy = after.object.spec?.updateStrategy ?? {};
  const message =
    strategy.type === 'OnDelete'
      ? 'the pod template changed and spec.updateStrategy is OnDelete: each pod keeps the old template until it is deleted'
      : 'the pod template changed: the pods are replaced one at a time, highest ordinal first' +
        (strategy.rollingUpdate?.partition ? ` (only ordinals ${strategy.rollingUpdate.partition} and up)` : '');
  return [finding('safe', 'spec.template', message, WORKLOAD_UPDATE_RULES.statefulSetRollout)];
}

/**
 * A switch to `OnDelete` that keeps the `rollingUpdate` the API server defaulted: the previous
 * manifest did not state it, so the apply patch leaves it, and the server refuses the pair.
 * SetDefaults_StatefulSet adds a `rollingUpdate` only when it defaults the type itself: with
 * `type: RollingUpdate` stated, the live object has none, and the switch is accepted.
 */
function statefulSetStrategy(before: ObjectRef, after: ObjectRef, context: PlanContext): PlanFinding[] {
  const old = before.object.spec?.updateStrategy ?? {};
  const now = after.object.spec?.updateStrategy ?? {};
  const defaulted = old.type === undefined && old.rollingUpdate === undefined;
  if (now.type !== 'OnDelete' || now.rollingUpdate !== undefined || !defaulted) {
    return [];
  }
  return [
    finding(
      'refused',
      'spec.updateStrategy.type',
      'updateStrategy becomes OnDelete, but the live object keeps the rollingUpdate {partition: 0} the API server ' +
        'defaulted, which kubectl apply does not remove: "only allowed for updateStrategy \'RollingUpdate\'"',
      WORKLOAD_UPDATE_RULES.statefulSetOnDelete,
      `switch it by hand, then apply: \`kubectl patch statefulset ${after.name}${after.namespace ? ` -n ${after.namespace}` : ''} ` +
        `--type merge -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'\` then ` +
        `\`${context.applyCommand}\``,
    ),
  ];
}

/** The findings for a StatefulSet that exists and changes. */
export function statefulSetUpdate(before: ObjectRef, after: ObjectRef, context: PlanContext): PlanFinding[] {
  const old = frozenStatefulSetSpec(before.object.spec);
  const now = frozenStatefulSetSpec(after.object.spec);
  const remedy =
    `\`${kubectlDelete(after, '--cascade=orphan')}\` then \`${context.applyCommand}\`: the pods and their volumes ` +
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
        WORKLOAD_UPDATE_RULES.statefulSetSpec,
        remedy,
      ),
    ),
    ...statefulSetStrategy(before, after, context),
    ...scaling(before, after),
    ...statefulSetRollout(before, after),
    ...servicesLosingPods(before, after, context),
  ];
}

/**
 * What a new StatefulSet asks of the cluster that the manifests alone cannot tell is there: a
 * claim template without storageClassName gets the cluster's default StorageClass, if any.
 */
export function statefulSetCreate(after: ObjectRef): PlanFinding[] {
  const templates: any[] = Array.isArray(after.object.spec?.volumeClaimTemplates)
    ? after.object.spec.volumeClaimTemplates
    : [];
  return templates.flatMap((claim, i) =>
    claim?.spec?.storageClassName === undefined || claim?.spec?.storageClassName === null
      ? [
          finding(
            'safe',
            `spec.volumeClaimTemplates[${i}].spec.storageClassName`,
            `the claims of ${claim?.metadata?.name ?? `template ${i}`} get the cluster's default StorageClass; without one they stay Pending and the pods do not start`,
            WORKLOAD_UPDATE_RULES.defaultStorageClass,
            undefined,
            "the cluster's default StorageClass (DefaultStorageClass admission)",
          ),
        ]
      : [],
  );
}
