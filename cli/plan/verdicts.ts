// The plan: every object of the new render matched with the previous render by kind, namespace
// and name, its field-level diff, and a verdict by the library's Kubernetes 1.27 model, under
// `kubectl apply`, which creates and updates and never deletes. New and changed objects are
// also checked as the API server checks them on create, whoever built them.
import {
  createFindings,
  orphanFindings,
  PlanContext,
  PlanFinding,
  updateFindings,
  Verdict,
  worstVerdict,
} from '../../lib/model';
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
      const findings = createFindings(after, context, options);
      entries.push({ action: 'create', ...id, verdict: worstVerdict(findings, 'safe'), diff: [], findings });
      continue;
    }
    const diff = diffObjects(old.object, after.object);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const findings = updateFindings(old, after, context, options);
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
      findings: orphanFindings(old, context),
    });
  }
  return { entries, unchanged };
}
