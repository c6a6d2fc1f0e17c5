/*
 * What the plan says of each object, by kind: the rules of the kinds the model knows for an
 * object created, changed or left behind, the create-time checks of any new or changed object,
 * and, for kinds without rules, that nothing was checked.
 */
import { ruleCatalog } from '../validation/rule-catalog';
import { ingressCreate, ingressUpdate } from './ingress-updates';
import { isSystemNamespace, NAMESPACE_UPDATE_RULES, namespaceUpdate } from './namespace-updates';
import { checkObject, isCheckedKind } from './object-checks';
import { ObjectFinding } from './object-findings';
import { ObjectRef, show } from './objects';
import { CreateRules, finding, KUBERNETES_MINOR, kubectlDelete, PlanContext, PlanFinding, UpdateRules } from './plan';
import { serviceAsUpdated, serviceCreate, serviceLeftRunning, serviceUpdate } from './service-updates';
import { deploymentUpdate, statefulSetCreate, statefulSetUpdate } from './workload-updates';

const UPDATE_RULES: Readonly<Record<string, UpdateRules>> = {
  Namespace: namespaceUpdate,
  Deployment: deploymentUpdate,
  StatefulSet: statefulSetUpdate,
  Service: serviceUpdate,
  Ingress: ingressUpdate,
};

const CREATE_RULES: Readonly<Record<string, CreateRules>> = {
  Service: serviceCreate,
  StatefulSet: statefulSetCreate,
  Ingress: ingressCreate,
};

/** Kinds the model has rules for: their verdicts are judged, those of other kinds are `unchecked`. */
export const MODELLED_KINDS: readonly string[] = Object.keys(UPDATE_RULES);

const UNMODELLED = `the plan models the Kubernetes ${KUBERNETES_MINOR} rules of ${MODELLED_KINDS.join(', ')} only`;
const PRUNE_RULE = 'kubectl apply creates and updates the objects it is given and deletes none without --prune';

/** What keeps happening while an object is left behind. */
const LEFT_RUNNING: Readonly<Record<string, (manifest: ObjectRef) => string>> = {
  Service: serviceLeftRunning,
  Deployment: () => 'its pods keep running, and Services that select them keep sending them traffic',
  StatefulSet: () => 'its pods and their volumes keep running, and Services that select them keep sending them traffic',
  Ingress: () => 'its controller keeps routing its hosts and paths',
};

/** The finding that says a kind's rules are not modelled, so its verdict cannot be judged. */
function unchecked(manifest: ObjectRef, action: 'create' | 'update'): PlanFinding {
  return finding(
    'unchecked',
    undefined,
    `no rules of ${manifest.kind} are modelled: whether the API server accepts this ${action === 'create' ? 'object' : 'change'}, ` +
      'and what it does to a running cluster, is not checked; only the schema check of synth and validate applies',
    UNMODELLED,
  );
}

/** Why a Namespace of the previous render stays, and how to remove it, unless the control plane owns it. */
function orphanedNamespace(before: ObjectRef, context: PlanContext): PlanFinding {
  if (isSystemNamespace(before.name)) {
    return finding(
      'orphaned',
      undefined,
      `${context.applyCommand} does not delete it, and it must stay: the control plane owns namespace ${before.name}`,
      NAMESPACE_UPDATE_RULES.immortal,
      "leave it: the namespace is not the render's to delete",
    );
  }
  const inside = context.previous.filter((m) => m.namespace === before.name).length;
  return finding(
    'orphaned',
    undefined,
    `${context.applyCommand} does not delete it: the namespace and every object in it keep running`,
    PRUNE_RULE,
    `\`${kubectlDelete(before)}\` deletes it with everything in it (${inside} object${inside === 1 ? '' : 's'} of the previous render)`,
  );
}

/** Why an object of the previous render stays in the cluster, and how to remove it. */
function orphanFinding(before: ObjectRef, context: PlanContext): PlanFinding {
  if (before.kind === 'Namespace') {
    return orphanedNamespace(before, context);
  }
  const moved = context.next.find(
    (m) => m.kind === before.kind && m.name === before.name && m.namespace !== before.namespace,
  );
  // Only a namespace the previous render created, and one the control plane does not own, may be deleted.
  const namespaceLeft =
    !isSystemNamespace(before.namespace) &&
    context.orphaned.some((m) => m.kind === 'Namespace' && m.name === before.namespace);
  const running =
    LEFT_RUNNING[before.kind]?.(before) ??
    `it stays in the cluster (what it keeps doing is not modelled for ${before.kind})`;
  return finding(
    'orphaned',
    undefined,
    `${context.applyCommand} does not delete it: ${running}` +
      (moved ? `; the render has it in namespace ${moved.namespace} now` : ''),
    PRUNE_RULE,
    `\`${kubectlDelete(before)}\`` +
      (namespaceLeft ? `, or \`kubectl delete namespace ${before.namespace}\` with everything in it` : ''),
  );
}

const FIX_THE_RENDER = 'fix the render: the API server refuses this object whatever the cluster holds';

/** The catalog's source of a rule id: the Kubernetes function it follows. */
function ruleSource(ruleId: string): string {
  return ruleCatalog().find((rule) => rule.id === ruleId)?.source ?? ruleId;
}

/** A create-time error as a plan finding. */
function refusal(f: ObjectFinding): PlanFinding {
  return {
    ...finding('refused', f.path, `${show(f.value)} ${f.message}`, ruleSource(f.ruleId), FIX_THE_RENDER),
    ruleId: f.ruleId,
  };
}

/**
 * The create-time errors of a new object, or of a changed one (`before` is its previous
 * version), as refusals; warnings do not change a verdict. On update a Service is checked as
 * the registry leaves it, without the fields its new type drops.
 */
function createTimeRefusals(
  after: ObjectRef,
  before: ObjectRef | undefined,
  options: { readonly nodePortRange?: string } = {},
): PlanFinding[] {
  const object = before && after.kind === 'Service' ? serviceAsUpdated(before.object, after.object) : after.object;
  return checkObject(object, { operation: before ? 'update' : 'create', nodePortRange: options.nodePortRange })
    .filter((f) => f.severity === 'error')
    .map(refusal);
}

/** Whether the model judges objects of this kind: its rules, and its create-time checks. */
const modelled = (manifest: ObjectRef) => MODELLED_KINDS.includes(manifest.kind) && isCheckedKind(manifest.object);

/** Options of the plan's findings. */
export interface FindingOptions {
  /** The cluster's node port range, as its `--service-node-port-range`. @default '30000-32767' */
  readonly nodePortRange?: string;
}

/** The findings for an object the render creates. */
export function createFindings(after: ObjectRef, context: PlanContext, options: FindingOptions = {}): PlanFinding[] {
  return [
    ...createTimeRefusals(after, undefined, options),
    ...(modelled(after) ? (CREATE_RULES[after.kind]?.(after, context) ?? []) : [unchecked(after, 'create')]),
  ];
}

/** The findings for an object the render changes; `before` is its previous version. */
export function updateFindings(
  before: ObjectRef,
  after: ObjectRef,
  context: PlanContext,
  options: FindingOptions = {},
): PlanFinding[] {
  return [
    ...createTimeRefusals(after, before, options),
    ...(modelled(after) ? UPDATE_RULES[after.kind](before, after, context) : [unchecked(after, 'update')]),
  ];
}

/** The finding for an object of the previous render that the new one lacks. */
export const orphanFindings = (before: ObjectRef, context: PlanContext): PlanFinding[] => [
  orphanFinding(before, context),
];
