// The plan: every object of the new render matched with the previous render by kind, namespace
// and name, its field-level diff, and a verdict by the library's Kubernetes 1.27 model, under
// `kubectl apply`, which creates and updates and never deletes. New and changed objects are
// also checked as the API server checks them on create, whoever built them.
import {
  checkObject,
  CreateRules,
  deploymentUpdate,
  finding,
  ingressCreate,
  ingressUpdate,
  isCheckedKind,
  isSystemNamespace,
  KUBERNETES_MINOR,
  kubectlDelete,
  NAMESPACE_UPDATE_RULES,
  namespaceUpdate,
  ObjectFinding,
  PlanContext,
  PlanFinding,
  serviceAsUpdated,
  serviceCreate,
  serviceLeftRunning,
  serviceUpdate,
  show,
  statefulSetCreate,
  statefulSetUpdate,
  UpdateRules,
  Verdict,
  worstVerdict,
} from '../../lib/model';
import { ruleCatalog } from '../../lib/validation/rule-catalog';
import { diffObjects, FieldChange } from './diff';
import { Manifest } from './manifests';

/** What `kubectl apply` does with an object: creates it, updates it, or leaves it behind. */
export type Action = 'create' | 'update' | 'orphan';

/** One object that changes, with its verdict. */
export interface PlanEntry {
  readonly action: Action;
  readonly kind: string;
  /** Empty for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** The file of the new render, or of the previous one for an orphan. */
  readonly file: string;
  /** The most severe of the findings. */
  readonly verdict: Verdict;
  /** Empty but for updates. */
  readonly diff: FieldChange[];
  readonly findings: PlanFinding[];
}

/** The objects that change, and how many do not. */
export interface Plan {
  readonly entries: PlanEntry[];
  readonly unchanged: number;
}

/** How the plan is made. */
export interface PlanOptions {
  /** The output folder `kubectl apply -f` is given, named in remedies. @default 'dist' */
  readonly output?: string;
  /** The cluster's node port range, as its `--service-node-port-range`. @default '30000-32767' */
  readonly nodePortRange?: string;
}

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
const FIX_THE_RENDER = 'fix the render: the API server refuses this object whatever the cluster holds';

/** What keeps happening while an object is left behind. */
const LEFT_RUNNING: Readonly<Record<string, (manifest: Manifest) => string>> = {
  Service: serviceLeftRunning,
  Deployment: () => 'its pods keep running, and Services that select them keep sending them traffic',
  StatefulSet: () => 'its pods and their volumes keep running, and Services that select them keep sending them traffic',
  Ingress: () => 'its controller keeps routing its hosts and paths',
};

/** The catalog's source of a rule id: the Kubernetes function it follows. */
function ruleSource(ruleId: string): string {
  return ruleCatalog().find((rule) => rule.id === ruleId)?.source ?? ruleId;
}

/** A create-time error as a plan finding: the API server refuses the object. */
function refusal(f: ObjectFinding): PlanFinding {
  return {
    ...finding('refused', f.path, `${show(f.value)} ${f.message}`, ruleSource(f.ruleId), FIX_THE_RENDER),
    ruleId: f.ruleId,
  };
}

/**
 * The create-time errors of a new or changed object (warnings do not change a verdict). On
 * update a Service is checked as the registry leaves it, without the fields its new type drops.
 */
function createTimeRefusals(after: Manifest, before: Manifest | undefined, options: PlanOptions): PlanFinding[] {
  const object = before && after.kind === 'Service' ? serviceAsUpdated(before.object, after.object) : after.object;
  return checkObject(object, { operation: before ? 'update' : 'create', nodePortRange: options.nodePortRange })
    .filter((f) => f.severity === 'error')
    .map(refusal);
}

/** The finding that says a kind's rules are not modelled, so its verdict cannot be judged. */
function unchecked(manifest: Manifest, action: 'create' | 'update'): PlanFinding {
  return finding(
    'unchecked',
    undefined,
    `no rules of ${manifest.kind} are modelled: whether the API server accepts this ${action === 'create' ? 'object' : 'change'}, ` +
      'and what it does to a running cluster, is not checked; only the schema check of synth and validate applies',
    UNMODELLED,
  );
}

/** Whether the model judges objects of this manifest's kind. */
const modelled = (manifest: Manifest) => MODELLED_KINDS.includes(manifest.kind) && isCheckedKind(manifest.object);

/** Why a Namespace of the previous render stays, and how to remove it, unless the control plane owns it. */
function orphanedNamespace(before: Manifest, context: PlanContext): PlanFinding {
  if (isSystemNamespace(before.name)) {
    return finding(
      'orphaned',
      undefined,
      `${context.applyCommand} does not delete it, and it must stay: the control plane owns namespace ${before.name}`,
      NAMESPACE_UPDATE_RULES.immortal,
      "nothing to prune: the namespace is not the render's to delete",
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
function orphanFinding(before: Manifest, context: PlanContext): PlanFinding {
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

/** Compares two renders. */
export function planChanges(previous: readonly Manifest[], next: readonly Manifest[], options: PlanOptions = {}): Plan {
  const before = new Map(previous.map((m) => [m.key, m]));
  const nextKeys = new Set(next.map((m) => m.key));
  const orphaned = previous.filter((m) => !nextKeys.has(m.key));
  const context: PlanContext = {
    previous,
    next,
    orphaned,
    applyCommand: `kubectl apply -f ${options.output ?? 'dist'}/`,
  };
  const entries: PlanEntry[] = [];
  let unchanged = 0;
  for (const after of next) {
    const old = before.get(after.key);
    const id = { kind: after.kind, namespace: after.namespace, name: after.name, file: after.file };
    if (!old) {
      const findings = [
        ...createTimeRefusals(after, undefined, options),
        ...(modelled(after) ? (CREATE_RULES[after.kind]?.(after, context) ?? []) : [unchecked(after, 'create')]),
      ];
      entries.push({ action: 'create', ...id, verdict: worstVerdict(findings, 'safe'), diff: [], findings });
      continue;
    }
    const diff = diffObjects(old.object, after.object);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const findings = [
      ...createTimeRefusals(after, old, options),
      ...(modelled(after) ? UPDATE_RULES[after.kind](old, after, context) : [unchecked(after, 'update')]),
    ];
    entries.push({ action: 'update', ...id, verdict: worstVerdict(findings, 'safe'), diff, findings });
  }
  for (const old of orphaned) {
    entries.push({
      action: 'orphan',
      kind: old.kind,
      namespace: old.namespace,
      name: old.name,
      file: old.file,
      verdict: 'orphaned',
      diff: [],
      findings: [orphanFinding(old, context)],
    });
  }
  return { entries, unchanged };
}
