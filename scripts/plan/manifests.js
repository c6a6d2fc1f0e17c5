'use strict';
// Turns rendered YAML files into the objects `kubectl apply` would send, each identified the
// way the API server identifies it: kind, namespace and name.
const { parseAllDocuments } = require('yaml');

/**
 * @typedef {Record<string, any>} KubeObject
 * @typedef {{ file: string, text: string }} ManifestFile
 * @typedef {object} Manifest
 * @property {string} key kind, namespace and name, unique within a render
 * @property {string} kind
 * @property {string} namespace empty for cluster-scoped objects
 * @property {string} name
 * @property {string} file the file the object was read from
 * @property {KubeObject} object
 */

/** Input that cannot be planned; `problems` lists every reason at once. */
class PlanInputError extends Error {
  /**
   * @param {string} message
   * @param {string[]} [problems]
   */
  constructor(message, problems = []) {
    super(message);
    this.name = 'PlanInputError';
    this.problems = problems;
  }
}

/**
 * How an object is named in messages: `Kind namespace/name`, or `Kind name` when cluster-scoped.
 * @param {{ kind: string, namespace: string, name: string }} id
 */
function describe(id) {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/**
 * Every object of the files, in file order. `source` names the render in error messages.
 * @param {ManifestFile[]} files
 * @param {string} source
 * @returns {Manifest[]}
 */
function readManifests(files, source) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Map<string, Manifest>} */
  const seen = new Map();
  for (const { file, text } of files) {
    parseAllDocuments(text).forEach((doc, index) => {
      const where = `${file} document ${index + 1}`;
      if (doc.errors.length > 0) {
        problems.push(`${where}: invalid YAML: ${doc.errors[0].message}`);
        return;
      }
      const object = doc.toJSON();
      if (object === null || object === undefined) {
        return;
      }
      const kind = object.kind;
      const name = object.metadata?.name;
      if (typeof kind !== 'string' || typeof name !== 'string') {
        problems.push(`${where}: not a Kubernetes object (it needs kind and metadata.name)`);
        return;
      }
      const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
      const manifest = { key: `${kind}\u0000${namespace}\u0000${name}`, kind, namespace, name, file, object };
      const earlier = seen.get(manifest.key);
      if (earlier) {
        problems.push(`${where}: ${describe(manifest)} is also in ${earlier.file}`);
        return;
      }
      seen.set(manifest.key, manifest);
    });
  }
  if (problems.length > 0) {
    throw new PlanInputError(`cannot read ${source}`, problems);
  }
  return [...seen.values()];
}

module.exports = { PlanInputError, describe, readManifests };
