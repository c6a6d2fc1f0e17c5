'use strict';
// Field-level differences between two versions of an object, as paths such as
// `spec.ports[0].nodePort` or `metadata.labels["app.kubernetes.io/name"]`. Lists are compared
// position by position, as they are written in the manifests.

/**
 * @typedef {object} FieldChange
 * @property {string} path
 * @property {unknown} [before] absent when the field was added
 * @property {unknown} [after] absent when the field was removed
 */

/**
 * The path of `key` inside `parent`.
 * @param {string} parent
 * @param {string | number} key
 */
function childPath(parent, key) {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
    return parent === '' ? key : `${parent}.${key}`;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every field that differs between `before` and `after`, parents before children, keys sorted.
 * @param {unknown} before
 * @param {unknown} after
 * @param {string} [path]
 * @returns {FieldChange[]}
 */
function diffObjects(before, after, path = '') {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inBefore = Object.prototype.hasOwnProperty.call(before, key);
      const inAfter = Object.prototype.hasOwnProperty.call(after, key);
      const at = childPath(path, key);
      if (!inAfter) {
        return [{ path: at, before: before[key] }];
      }
      if (!inBefore) {
        return [{ path: at, after: after[key] }];
      }
      return diffObjects(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    /** @type {FieldChange[]} */
    const changes = [];
    for (let i = 0; i < length; i++) {
      const at = childPath(path, i);
      if (i >= after.length) {
        changes.push({ path: at, before: before[i] });
      } else if (i >= before.length) {
        changes.push({ path: at, after: after[i] });
      } else {
        changes.push(...diffObjects(before[i], after[i], at));
      }
    }
    return changes;
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
}

module.exports = { childPath, diffObjects };
