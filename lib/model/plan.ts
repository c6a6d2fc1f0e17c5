/*
 * What a change to a running cluster does under `kubectl apply` and the Kubernetes 1.27 API
 * server: the verdicts, the findings that carry them, and what every kind's rules share.
 */
import { ObjectRef } from './objects';

/** The Kubernetes minor release whose API server the model follows. */
export const KUBERNETES_MINOR = '1.27';

/**
 * The verdicts, most severe first; an object's verdict is that of its most severe finding.
 * - `refused`: the API server refuses the create or update.
 * - `orphaned`: the object stays in the cluster though the render no longer has it.
 * - `disruptive`: accepted, but clients or pods lose something.
 * - `unchecked`: no rules of this kind are modelled: accepted or not, only the diff is known.
 * - `safe`: accepted, and nothing is lost.
 */
export const VERDICTS = ['refused', 'orphaned', 'disruptive', 'unchecked', 'safe'] as const;

/** One of {@link VERDICTS}. */
export type Verdict = (typeof VERDICTS)[number];

/** Why an object gets its verdict. */
export interface PlanFinding {
  /** The verdict this finding gives. */
  readonly verdict: Verdict;
  /** The field the finding is about, such as `spec.clusterIPs[1]`. */
  readonly path?: string;
  /** What happens, and why. */
  readonly message: string;
  /** The Kubernetes code or behaviour it follows. */
  readonly rule: string;
  /** How to roll the change out, or prune the object, and what that costs. */
  readonly remedy?: string;
  /** What of the cluster the verdict depends on, when the manifests alone cannot decide it. */
  readonly dependsOn?: string;
  /** The id of the create-time rule the object breaks, for findings of {@link checkObject}. */
  readonly ruleId?: string;
}

/** Everything the rules of one object may look at. */
export interface PlanContext {
  /** Every object of the previous render. */
  readonly previous: readonly ObjectRef[];
  /** Every object of the new render. */
  readonly next: readonly ObjectRef[];
  /** Objects of the previous render that the new one lacks. */
  readonly orphaned: readonly ObjectRef[];
  /** How the render is applied, such as `kubectl apply -f dist/`: remedies name it. */
  readonly applyCommand: string;
}

/** The rules of a kind for an object that exists and changes. */
export type UpdateRules = (before: ObjectRef, after: ObjectRef, context: PlanContext) => PlanFinding[];

/** The rules of a kind for an object that is created. */
export type CreateRules = (after: ObjectRef, context: PlanContext) => PlanFinding[];

/** A finding; `path`, `remedy` and `dependsOn` are left out when not given. */
export function finding(
  verdict: Verdict,
  path: string | undefined,
  message: string,
  rule: string,
  remedy?: string,
  dependsOn?: string,
): PlanFinding {
  return {
    verdict,
    ...(path === undefined ? {} : { path }),
    message,
    rule,
    ...(remedy ? { remedy } : {}),
    ...(dependsOn ? { dependsOn } : {}),
  };
}

/** The most severe verdict of `findings`, or `fallback` when there are none. */
export function worstVerdict(findings: readonly PlanFinding[], fallback: Verdict): Verdict {
  const ranks = findings.map((f) => VERDICTS.indexOf(f.verdict));
  return ranks.length === 0 ? fallback : VERDICTS[Math.min(...ranks)];
}

/** The kubectl command that deletes an object, with extra flags. */
export function kubectlDelete(
  id: { readonly kind: string; readonly namespace: string; readonly name: string },
  flags = '',
): string {
  const namespace = id.namespace ? ` -n ${id.namespace}` : '';
  return `kubectl delete ${id.kind.toLowerCase()} ${id.name}${namespace}${flags ? ` ${flags}` : ''}`;
}
