'use strict';
// Loads the vendored Kubernetes OpenAPI definitions and tightens them for strict
// validation: the published definitions allow any extra field, the API server does not.
// The Gateway API CRDs' schemas are tightened, and their errors described, the same way.
const fs = require('fs');
const { SCHEMA_FILE } = require('./constants');

/**
 * Schema keywords whose subschemas only add conditions to a value the enclosing schema already
 * describes. A structural CRD schema declares its fields outside them (apiextensions
 * ValidateStructural: no `additionalProperties` and no new fields inside `oneOf`, `anyOf`,
 * `allOf` or `not`), and the API server prunes by the structural part only; a branch that
 * refused unknown fields would refuse the enclosing schema's own fields.
 */
const VALUE_VALIDATIONS = new Set(['oneOf', 'anyOf', 'allOf', 'not']);

/**
 * A copy of `schema` without descriptions and `x-kubernetes-*` extensions, not tightened.
 *
 * @param {any} schema
 * @returns {any}
 */
function strip(schema) {
  if (Array.isArray(schema)) {
    return schema.map(strip);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'description' && !key.startsWith('x-kubernetes-'))
      .map(([key, value]) => [key, key === 'properties' ? mapValues(value, strip) : strip(value)]),
  );
}

/**
 * @param {Record<string, unknown>} object
 * @param {(value: unknown) => unknown} fn
 */
const mapValues = (object, fn) => Object.fromEntries(Object.entries(object).map(([name, v]) => [name, fn(v)]));

/**
 * Returns a copy of `schema` where every object with declared properties rejects unknown ones,
 * except inside `oneOf`, `anyOf`, `allOf` and `not` branches, which are copied as they are.
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
      key === 'properties' ? mapValues(value, tighten) : VALUE_VALIDATIONS.has(key) ? strip(value) : tighten(value);
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
 * @returns {{ path: string, message: string }}
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
