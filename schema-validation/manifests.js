'use strict';
// Finds YAML manifests and validates every object in them, file by file.
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { manifestSource } = require('./finding-source');

/** @typedef {import('./index').FileViolation} FileViolation */
/** @typedef {import('./index').SchemaValidator} SchemaValidator */

/**
 * The yaml module cdk8s loads (it bundles its own), so that a synth loads only one.
 *
 * @returns {typeof import('yaml')}
 */
function yaml() {
  try {
    return createRequire(require.resolve('cdk8s'))('yaml');
  } catch {
    return require('yaml');
  }
}

/**
 * Every .yaml/.yml file under the given files and folders, sorted.
 *
 * @param {readonly string[]} paths
 * @returns {string[]}
 */
function findManifests(paths) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} entry */
  const visit = (entry) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry).sort()) {
        visit(path.join(entry, name));
      }
    } else if (/\.ya?ml$/.test(entry) || paths.includes(entry)) {
      found.push(entry);
    }
  };
  paths.forEach(visit);
  return found;
}

/**
 * Validates each object of a manifest file.
 *
 * @param {SchemaValidator} validator
 * @param {string} file
 * @returns {FileViolation[]}
 */
function validateFile(validator, file) {
  /** @type {FileViolation[]} */
  const violations = [];
  yaml()
    .parseAllDocuments(fs.readFileSync(file, 'utf-8'))
    .forEach((doc, index) => {
      if (doc.errors.length > 0) {
        violations.push({
          file,
          object: `document ${index + 1}`,
          path: '/',
          message: `invalid YAML: ${doc.errors[0].message}`,
          source: manifestSource(),
        });
        return;
      }
      const object = doc.toJSON();
      if (object === null || object === undefined) {
        return;
      }
      const name = object && object.metadata && object.metadata.name;
      const label = `${(object && object.kind) || 'object'}/${name || `document ${index + 1}`}`;
      for (const v of validator.validate(object)) {
        violations.push({
          file,
          object: label,
          name: typeof name === 'string' ? name : undefined,
          path: v.path,
          message: v.message,
          source: v.source,
        });
      }
    });
  return violations;
}

/**
 * The `metadata.name` of every object of a manifest file that has one.
 *
 * @param {string} file
 * @returns {string[]}
 */
function objectNames(file) {
  return yaml()
    .parseAllDocuments(fs.readFileSync(file, 'utf-8'))
    .map((doc) => (doc.errors.length > 0 ? undefined : doc.toJSON()?.metadata?.name))
    .filter((name) => typeof name === 'string');
}

module.exports = { findManifests, objectNames, validateFile };
