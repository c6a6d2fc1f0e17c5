'use strict';
// Namespace updates under the 1.27 API server: ValidateNamespaceUpdate checks only the
// metadata, and the strategy keeps the stored spec.finalizers, so nothing is refused; what
// changes behaviour is the Pod Security level its labels enforce.
const { finding, semanticEqual, show } = require('./common');

/**
 * @typedef {import('./common').Finding} Finding
 * @typedef {import('../manifests').Manifest} Manifest
 */

const RULES = {
  finalizers:
    'namespaceStrategy.PrepareForUpdate keeps the stored spec.finalizers; only the finalize subresource changes them (pkg/registry/core/namespace/strategy.go)',
  podSecurity:
    'Pod Security admission checks every pod created in the namespace against its pod-security.kubernetes.io/enforce level',
};

const ENFORCE = ['pod-security.kubernetes.io/enforce', 'pod-security.kubernetes.io/enforce-version'];

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function namespaceUpdate(before, after) {
  /** @type {Finding[]} */
  const findings = [];
  if (!semanticEqual(before.object.spec?.finalizers, after.object.spec?.finalizers)) {
    findings.push(
      finding(
        'disruptive',
        'spec.finalizers',
        'accepted but without effect: the API server keeps the finalizers the namespace was created with',
        RULES.finalizers,
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
          RULES.podSecurity,
        ),
      );
    }
  }
  return findings;
}

module.exports = { RULES, namespaceUpdate };
