'use strict';
// Validates Kubernetes objects against the Kubernetes 1.27 schema with ajv: unknown fields
// at any depth, missing required fields, wrong types, enums and int-or-string values.
//
// Compiling a kind's schema costs tens of milliseconds, so with a cache folder each kind's
// validator is also saved as ajv standalone code, and later processes load that instead of
// reading and compiling the schema.
const { K8S_VERSION } = require('./constants');
const { compileKind, loadCompiled, loadKinds } = require('./compiled-cache');
const { customResourceValidator, isGatewayApi } = require('./custom-resources');
const { describeError, loadSchema } = require('./schema');
const { kubernetesSchemaSource } = require('./finding-source');

/** @typedef {import('./index').Violation} Violation */
/** @typedef {import('./index').SchemaValidatorOptions} SchemaValidatorOptions */
/** @typedef {import('ajv').ErrorObject} ErrorObject */
/** @typedef {import('ajv').ValidateFunction} ValidateFunction */

/**
 * `apps/v1` → { group: 'apps', version: 'v1' }; `v1` → the core group.
 *
 * @param {string} apiVersion
 */
function splitApiVersion(apiVersion) {
  const slash = apiVersion.indexOf('/');
  return slash === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** @param {string} type */
const withArticle = (type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/**
 * One error per field. A value matching none of a `oneOf` (int-or-string, quantities) makes
 * ajv report each branch; they become one sentence naming the types allowed.
 *
 * @param {readonly ErrorObject[]} errors
 * @returns {Violation[]}
 */
function simplify(errors) {
  /** @type {Map<string, string>} */
  const byPath = new Map();
  /** @type {Map<string, string[]>} */
  const oneOfTypes = new Map();
  for (const error of errors) {
    if (error.schemaPath.includes('/oneOf/')) {
      if (error.keyword === 'type') {
        oneOfTypes.set(error.instancePath, [...(oneOfTypes.get(error.instancePath) ?? []), error.params.type]);
      }
      continue;
    }
    const described = error.keyword === 'oneOf' ? { path: error.instancePath, message: '' } : describeError(error);
    if (!byPath.has(described.path)) {
      byPath.set(described.path, described.message);
    }
  }
  return [...byPath].map(([path, message]) => ({
    path: path || '/',
    message:
      message || `must be ${(oneOfTypes.get(path) ?? ['one of the allowed forms']).map(withArticle).join(' or ')}`,
    source: kubernetesSchemaSource(),
  }));
}

/** Validates Kubernetes objects; documented in index.d.ts. */
class SchemaValidator {
  /** @param {SchemaValidatorOptions} [options] */
  constructor(options = {}) {
    /** @readonly */
    this.allowedKinds = options.allowedKinds ?? [];
    /** @readonly */
    this.cacheDir = options.cacheDir;
    /** @readonly */
    this.kubernetesVersion = K8S_VERSION;
    /** @private */
    this.kinds = loadKinds(this.cacheDir, () => loadSchema().kinds);
    /**
     * @private
     * @type {Map<string, ValidateFunction>}
     */
    this.compiled = new Map();
  }

  /**
   * Validates one object.
   *
   * @param {unknown} object
   * @returns {Violation[]} the violations, empty when valid
   */
  validate(object) {
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      return [{ path: '/', message: 'must be a Kubernetes object (a YAML mapping)', source: kubernetesSchemaSource() }];
    }
    const { apiVersion, kind } = /** @type {{ apiVersion?: unknown, kind?: unknown }} */ (object);
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return [{ path: '/', message: 'must have a string apiVersion and kind', source: kubernetesSchemaSource() }];
    }
    const { group, version } = splitApiVersion(apiVersion);
    const definition = this.kinds.get(`${group}/${version}/${kind}`);
    if (definition === undefined && isGatewayApi(apiVersion)) {
      return customResourceValidator().validate(/** @type {{ apiVersion: string, kind: string }} */ (object));
    }
    if (definition === undefined) {
      return this.isAllowed(apiVersion, kind)
        ? []
        : [
            {
              path: '/kind',
              message: `${apiVersion} ${kind} is not a kind of Kubernetes ${K8S_VERSION}; allow it explicitly if it is a custom resource`,
              source: kubernetesSchemaSource(),
            },
          ];
    }
    const check = this.compile(definition);
    return check(object) ? [] : simplify(check.errors ?? []);
  }

  /**
   * @private
   * @param {string} apiVersion
   * @param {string} kind
   */
  isAllowed(apiVersion, kind) {
    const { group } = splitApiVersion(apiVersion);
    return this.allowedKinds.some((k) => k === `${apiVersion}/${kind}` || k === `${group}/*`);
  }

  /**
   * @private
   * @param {string} definition
   */
  compile(definition) {
    let check = this.compiled.get(definition);
    if (check === undefined) {
      check = loadCompiled(this.cacheDir, definition) ?? compileKind(this.cacheDir, definition);
      this.compiled.set(definition, check);
    }
    return check;
  }
}

module.exports = { SchemaValidator };
