'use strict';
// What every kind's rules share: the verdicts, how the API server compares values, and how
// messages show values and name kubectl commands.

/**
 * @typedef {import('../manifests').Manifest} Manifest
 * @typedef {'refused' | 'orphaned' | 'disruptive' | 'safe'} Verdict
 * @typedef {object} Finding
 * @property {Verdict} verdict
 * @property {string} [path] the field the finding is about
 * @property {string} message what happens, and why
 * @property {string} rule the Kubernetes code or behaviour it follows
 * @property {string} [remedy] how to roll the change out, and what that costs
 * @typedef {object} PlanContext
 * @property {Manifest[]} previous every object of the previous render
 * @property {Manifest[]} next every object of the new render
 * @property {Manifest[]} orphaned objects of the previous render that the new one lacks
 */

/** Most severe first: an object's verdict is that of its most severe finding. */
const VERDICTS = /** @type {const} */ (['refused', 'orphaned', 'disruptive', 'safe']);

/**
 * Drops null values and empty lists and maps, which the API server decodes as absent.
 * @param {unknown} value
 * @returns {unknown}
 */
function semantic(value) {
  if (Array.isArray(value)) {
    const items = value.map(semantic);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .map(([key, item]) => /** @type {[string, unknown]} */ ([key, semantic(item)]))
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
}

/**
 * Equal the way apiequality.Semantic.DeepEqual sees decoded objects: key order, and nil
 * against empty lists and maps, do not matter.
 * @param {unknown} a
 * @param {unknown} b
 */
function semanticEqual(a, b) {
  return JSON.stringify(semantic(a)) === JSON.stringify(semantic(b));
}

/**
 * A value as messages show it.
 * @param {unknown} value
 */
function show(value) {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/**
 * `field a → b` when both values are short enough to read in a line, else `field changes`.
 * @param {string} field
 * @param {unknown} before
 * @param {unknown} after
 */
function change(field, before, after) {
  const [a, b] = [show(before), show(after)];
  return a.length + b.length <= 120 ? `${field} ${a} → ${b}` : `${field} changes`;
}

/**
 * The kubectl command that deletes an object, with extra flags.
 * @param {{ kind: string, namespace: string, name: string }} id
 * @param {string} [flags]
 */
function kubectlDelete(id, flags = '') {
  const namespace = id.namespace ? ` -n ${id.namespace}` : '';
  return `kubectl delete ${id.kind.toLowerCase()} ${id.name}${namespace}${flags ? ` ${flags}` : ''}`;
}

/**
 * @param {Verdict} verdict
 * @param {string | undefined} path
 * @param {string} message
 * @param {string} rule
 * @param {string} [remedy]
 * @returns {Finding}
 */
function finding(verdict, path, message, rule, remedy) {
  return { verdict, ...(path === undefined ? {} : { path }), message, rule, ...(remedy ? { remedy } : {}) };
}

module.exports = { VERDICTS, change, finding, kubectlDelete, semantic, semanticEqual, show };
