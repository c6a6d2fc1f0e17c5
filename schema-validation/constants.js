'use strict';
// What the schema validation, the command and the scripts (scripts/constants.js re-exports these)
// share: the Kubernetes and Gateway API versions, their vendored schemas, and where caches are kept.
const path = require('path');

/** The root of this package: the project in its repository, the installed package elsewhere. */
const PACKAGE_ROOT = path.resolve(__dirname, '..');

/** The Kubernetes version of the generated imports and of the vendored schema. */
const K8S_VERSION = '1.27.0';

/** The vendored Kubernetes OpenAPI definitions. */
const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schemas', 'k8s', `v${K8S_VERSION}`, '_definitions.json');

/** The Gateway API release whose standard-channel CRDs are vendored, and the ones used. */
const GATEWAY_API_VERSION = '1.1.1';
const GATEWAY_API_CRD_FILES = ['gateways', 'httproutes', 'referencegrants'].map((plural) =>
  path.join(
    PACKAGE_ROOT,
    'schemas',
    'gateway-api',
    `v${GATEWAY_API_VERSION}`,
    `gateway.networking.k8s.io_${plural}.yaml`,
  ),
);

/**
 * The `.cache/service-types` folder for a copy of the package at `packageRoot`: in the
 * outermost node_modules folder above it, where other tools keep their caches. In this
 * repository that is its own node_modules/; installed as a dependency (nested, hoisted or
 * pnpm-style) it is the consuming project's node_modules/, never a folder inside the package.
 *
 * @param {string} [packageRoot]
 * @returns {string}
 */
function cacheRoot(packageRoot = PACKAGE_ROOT) {
  const parts = path.resolve(packageRoot).split(path.sep);
  const outermost = parts.indexOf('node_modules');
  const nodeModules =
    outermost === -1 ? path.join(packageRoot, 'node_modules') : parts.slice(0, outermost + 1).join(path.sep);
  return path.join(nodeModules, '.cache', 'service-types');
}

/** Compiled schema validators, kept between runs (compiled-cache.js). */
const SCHEMA_CACHE = path.join(cacheRoot(), 'schema');

module.exports = {
  GATEWAY_API_CRD_FILES,
  GATEWAY_API_VERSION,
  K8S_VERSION,
  PACKAGE_ROOT,
  SCHEMA_CACHE,
  SCHEMA_FILE,
  cacheRoot,
};
