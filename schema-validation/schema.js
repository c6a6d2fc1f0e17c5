'use strict';
// Loads the vendored Kubernetes OpenAPI definitions and tightens them for strict
// validation: the published definitions allow any extra field, the API server does not.
// The Gateway API CRDs' schemas are tightened, and their errors described, the same way.
const fs = require('fs');
const { SCHEMA_FILE } = require('./constants');

/**
 * Returns a copy of `schema` where every object with declared properties rejects unknown ones.
 *
 * @param {any} schema
 * @returns {any}
 */
function tighten(schema) {
  if (Array.isArray(schema)) {
    return schema.map(tighten);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) {
      continue;
    }
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(/** @type {object} */ (value)).map(([name, prop]) => [name, tighten(prop)]))
        : tighten(value);
  }
  if (
    schema.properties !== undefined &&
    schema.additionalProperties === undefined &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Maps `group/version/kind` (group empty for the core API) to its definition name.
 *
 * @param {Record<string, any>} definitions
 */
function indexKinds(definitions) {
  /** @type {Map<string, string>} */
  const kinds = new Map();
  for (const [name, definition] of Object.entries(definitions)) {
    // Objects without metadata (such as DeleteOptions) are not manifests.
    if (definition.properties === undefined || definition.properties.metadata === undefined) {
      continue;
    }
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      kinds.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
    }
  }
  return kinds;
}

/**
 * Renders an ajv error as a sentence about the field it concerns.
 *
 * @param {import('ajv').ErrorObject} error
 * @returns {import('./index').Violation}
 */
function describeError(error) {
  const where = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: `${where}/${error.params.additionalProperty}`, message: 'unknown field' };
    case 'required':
      return { path: `${where}/${error.params.missingProperty}`, message: 'required field is missing' };
    case 'enum':
      return {
        path: where,
        message: `must be one of ${error.params.allowedValues.map((/** @type {unknown} */ v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path: where, message: error.message ?? error.keyword };
  }
}

/** @type {{ definitions: Record<string, any>, kinds: Map<string, string> } | undefined} */
let loaded;

/** The tightened definitions and the kind index, read once per process. */
function loadSchema() {
  if (loaded === undefined) {
    const { definitions } = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf-8'));
    loaded = { definitions: tighten(definitions), kinds: indexKinds(definitions) };
  }
  return loaded;
}

module.exports = { describeError, loadSchema, tighten };
