'use strict';
// Strict, offline validation of Kubernetes manifests against the Kubernetes 1.27 schema:
// `require('service-types/schema-validation')` (types in index.d.ts, which `npm test`
// checks this file against). Also a cdk8s validation plugin, declared under
// `validations:` in a project's cdk8s.yaml with this folder's path, that checks every
// synthesized manifest.
const { SCHEMA_CACHE } = require('./constants');
const findingSource = require('./finding-source');
const { findManifests, objectNames, validateFile } = require('./manifests');
const { SchemaValidator } = require('./validator');

/**
 * The object names that more than one object of the manifests has.
 *
 * @param {readonly string[]} manifests
 * @returns {Set<string>}
 */
function sharedNames(manifests) {
  const seen = new Set();
  const shared = new Set();
  for (const name of manifests.flatMap(objectNames)) {
    (seen.has(name) ? shared : seen).add(name);
  }
  return shared;
}

class KubernetesSchemaValidation {
  /** @param {import('./index').KubernetesSchemaValidationProperties} [properties] the plugin's `properties` in cdk8s.yaml */
  constructor(properties = {}) {
    /** @private */
    this.properties = properties;
  }

  /** @param {import('./index').ValidationContext} context */
  async validate(context) {
    const validator = new SchemaValidator({ cacheDir: SCHEMA_CACHE, ...this.properties });
    const violations = context.manifests.flatMap((file) => validateFile(validator, file));
    // cdk8s's construct metadata is keyed by object name only: a name two objects share maps to
    // one of them, so neither is given by it. Counted only when there is something to report.
    const shared = violations.length === 0 ? new Set() : sharedNames(context.manifests);
    /** @type {Map<string, import('./index').FileViolation[]>} */
    const byRule = new Map();
    for (const v of violations) {
      const rule = `${v.source.label}: ${v.path}: ${v.message}`;
      byRule.set(rule, [...(byRule.get(rule) ?? []), v]);
    }
    for (const [rule, list] of byRule) {
      const advice = list[0].source.advice;
      context.report.addViolation({
        ruleName: rule,
        recommendation: `Make ${list.map((v) => v.object).join(', ')} ${advice}.`,
        fix: 'Correct or remove the field at the location shown; check escape hatches such as addJsonPatch.',
        violatingResources: list.map((v) => ({
          // The cdk8s CLI finds the construct path by this name in its construct metadata.
          resourceName: v.name !== undefined && !shared.has(v.name) ? v.name : v.object,
          locations: [`${v.object} ${v.path}`],
          manifestPath: v.file,
        })),
      });
    }
    context.report.submit(violations.length === 0 ? 'success' : 'failure', {
      kubernetes: validator.kubernetesVersion,
      manifests: String(context.manifests.length),
    });
  }
}

/** @satisfies {typeof import('./index')} */
const api = {
  KubernetesSchemaValidation,
  SchemaValidator,
  findManifests,
  validateFile,
  SCHEMA_CACHE,
  ...findingSource,
};

module.exports = api;
