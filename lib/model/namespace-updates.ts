/*
 * Namespace updates under the 1.27 API server: ValidateNamespaceUpdate checks only the
 * metadata, and the strategy keeps the stored spec.finalizers, so nothing is refused; what
 * changes behaviour is the Pod Security level its labels enforce. And the namespaces the
 * cluster itself owns, which no advice may ever delete.
 */
import { ObjectRef, semanticEqual, show } from './objects';
import { finding, PlanFinding } from './plan';

/** The Kubernetes code or behaviour each Namespace finding follows. */
export const NAMESPACE_UPDATE_RULES = {
  finalizers:
    'namespaceStrategy.PrepareForUpdate keeps the stored spec.finalizers; only the finalize subresource changes them (pkg/registry/core/namespace/strategy.go)',
  podSecurity:
    'Pod Security admission checks every pod created in the namespace against its pod-security.kubernetes.io/enforce level',
  immortal:
    'the NamespaceLifecycle admission plugin refuses to delete default, kube-system and kube-public (plugin/pkg/admission/namespace/lifecycle); the control plane creates kube-node-lease and creates it again when deleted (pkg/controlplane)',
} as const;

/**
 * The namespaces the control plane creates and keeps (the system namespaces controller):
 * never ours to delete. The NamespaceLifecycle admission plugin refuses to delete the first three.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Whether `name` is one of the {@link SYSTEM_NAMESPACES}. */
export const isSystemNamespace = (name: string): boolean => SYSTEM_NAMESPACES.includes(name);

const ENFORCE = ['pod-security.kubernetes.io/enforce', 'pod-security.kubernetes.io/enforce-version'];

/** The findings for a Namespace that exists and changes. */
export function namespaceUpdate(before: ObjectRef, after: ObjectRef): PlanFinding[] {
  const findings: PlanFinding[] = [];
  if (!semanticEqual(before.object.spec?.finalizers, after.object.spec?.finalizers)) {
    findings.push(
      finding(
        'disruptive',
        'spec.finalizers',
        'accepted but without effect: the API server keeps the finalizers the namespace was created with',
        NAMESPACE_UPDATE_RULES.finalizers,
      ),
    );
  }
  for (const label of ENFORCE) {
    const old = before.object.metadata?.labels?.[label];
    const now = after.object.metadata?.labels?.[label];
    if (old !== now) {
      findings.push(
        finding(
          'disruptive',
          `metadata.labels[${JSON.stringify(label)}]`,
          `${label} ${show(old)} → ${show(now)}: pods created from now on (rollouts, restarts, scaling) are ` +
            'admitted against the new level; running pods are not checked again',
          NAMESPACE_UPDATE_RULES.podSecurity,
          undefined,
          'the PodSecurity admission plugin being enabled (it is by default since Kubernetes 1.25)',
        ),
      );
    }
  }
  return findings;
}
