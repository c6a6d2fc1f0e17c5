'use strict';
// Where a finding comes from, and the construct that rendered the object: the labels the cdk8s
// validation plugin prints, for any command that reports findings to print the same.
const fs = require('fs');
const path = require('path');
const { GATEWAY_API_VERSION, K8S_VERSION } = require('./constants');

/** @typedef {import('./index').FindingSource} FindingSource */
/** @typedef {import('./index').ConstructMetadata} ConstructMetadata */

/**
 * The Kubernetes API's own schema and object checks.
 *
 * @returns {FindingSource}
 */
function kubernetesSchemaSource() {
  return {
    kind: 'kubernetes-schema',
    label: `Kubernetes ${K8S_VERSION} schema`,
    advice: `match the Kubernetes ${K8S_VERSION} API`,
  };
}

/**
 * A vendored Gateway API CRD: its OpenAPI schema, or one of its CEL rules.
 *
 * @param {string} crd the CRD's name, such as `httproutes.gateway.networking.k8s.io`
 * @param {string} [rule] the CEL expression of the x-kubernetes-validations rule
 * @returns {FindingSource}
 */
function customResourceSource(crd, rule) {
  const definition = `Gateway API v${GATEWAY_API_VERSION} CRD ${crd}`;
  return rule === undefined
    ? { kind: 'custom-resource', crd, label: `${definition} schema`, advice: `match the schema of the CRD ${crd}` }
    : {
        kind: 'custom-resource',
        crd,
        rule,
        label: `${definition} CEL rule ${JSON.stringify(rule)}`,
        advice: `satisfy the CEL rule ${JSON.stringify(rule)} of the CRD ${crd}`,
      };
}

/**
 * The manifest file itself, which must be YAML before any object in it can be checked.
 *
 * @returns {FindingSource}
 */
function manifestSource() {
  return { kind: 'manifest', label: 'YAML', advice: 'be valid YAML' };
}

/**
 * A rule of this library (docs/validation-rules.md), by its id.
 *
 * @param {string} id such as `service/port-number`
 * @returns {FindingSource}
 */
function libraryRuleSource(id) {
  return { kind: 'library-rule', id, label: `service-types rule ${id}`, advice: `follow the rule ${id}` };
}

/**
 * The construct paths cdk8s recorded for a synth (construct-metadata.json in the output
 * folder, written when CDK8S_RECORD_CONSTRUCT_METADATA is true); empty when there is none.
 *
 * @param {string} outdir
 * @returns {ConstructMetadata}
 */
function readConstructMetadata(outdir) {
  const file = path.join(outdir, 'construct-metadata.json');
  if (!fs.existsSync(file)) {
    return {};
  }
  const contents = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return Object.fromEntries(
    Object.entries(contents.resources ?? {}).map(([name, entry]) => [name, { path: entry.path }]),
  );
}

/**
 * The construct path of the object named `name`, from cdk8s's construct metadata, which is keyed
 * by object name only: undefined when the metadata lacks it or `unique` is false (two objects of
 * the name, so the metadata cannot tell which one it maps).
 *
 * @param {ConstructMetadata} metadata
 * @param {string | undefined} name
 * @param {boolean} [unique]
 */
function constructPathOf(metadata, name, unique = true) {
  return name === undefined || !unique ? undefined : metadata[name]?.path;
}

module.exports = {
  constructPathOf,
  customResourceSource,
  kubernetesSchemaSource,
  libraryRuleSource,
  manifestSource,
  readConstructMetadata,
};
