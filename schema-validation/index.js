'use strict';
// Strict, offline validation of Kubernetes manifests against the Kubernetes 1.27 schema:
// `require('service-types/schema-validation')` (types in index.d.ts, which `npm test`
// checks this file against). Also a cdk8s validation plugin, declared under
// `validations:` in a project's cdk8s.yaml with this folder's path, that checks every
// synthesized manifest.
const { SCHEMA_CACHE } = require('./constants');
const { findManifests, validateFile } = require('./manifests');
const { SchemaValidator } = require('./validator');

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
    /** @type {Map<string, import('./index').FileViolation[]>} */
    const byRule = new Map();
    for (const v of violations) {
      const rule = `${v.path}: ${v.message}`;
      const list = byRule.get(rule) ?? [];
      list.push(v);
      byRule.set(rule, list);
    }
    for (const [rule, list] of byRule) {
      context.report.addViolation({
        ruleName: `Kubernetes ${validator.kubernetesVersion} schema: ${rule}`,
        recommendation: `Make ${list.map((v) => v.object).join(', ')} match the Kubernetes ${validator.kubernetesVersion} API.`,
        fix: 'Correct or remove the field at the location shown; check escape hatches such as addJsonPatch.',
        violatingResources: list.map((v) => ({ resourceName: v.object, locations: [v.path], manifestPath: v.file })),
      });
    }
    context.report.submit(violations.length === 0 ? 'success' : 'failure', {
      kubernetes: validator.kubernetesVersion,
      manifests: String(context.manifests.length),
    });
  }
}

/** @satisfies {typeof import('./index')} */
const api = { KubernetesSchemaValidation, SchemaValidator, findManifests, validateFile, SCHEMA_CACHE };

module.exports = api;
