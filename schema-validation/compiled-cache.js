'use strict';
// Compiles kinds' schemas with ajv and, given a cache folder, keeps each compiled validator
// as standalone code. The cache key is a digest of the contents of the schema file and of
// every file of this folder, the folder's location, and the location and version of ajv,
// so a cache shared by several copies or versions of the package never serves a validator
// compiled from another schema, ajv or code. Writing the cache is best effort: a folder
// that cannot be written only makes every run compile.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { removeAbandonedTemps, writeFileAtomic } = require('./atomic-write');
const { SCHEMA_FILE } = require('./constants');
const { loadSchema } = require('./schema');

/** @typedef {import('ajv').ValidateFunction} ValidateFunction */

const FORMATS_MODULE = path.join(__dirname, 'formats.js');
/** @type {import('ajv').default | undefined} */
let ajv;
/** @type {string | undefined} */
let cacheKey;

function key() {
  if (cacheKey === undefined) {
    const ajvPackage = require.resolve('ajv/package.json');
    const hash = crypto.createHash('sha256');
    hash.update(`${__dirname}\n${ajvPackage}\n${require(ajvPackage).version}\n`);
    const ownFiles = fs
      .readdirSync(__dirname, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(__dirname, entry.name))
      .sort();
    for (const file of [SCHEMA_FILE, ...ownFiles]) {
      hash.update(`${file}\n`).update(fs.readFileSync(file)).update('\n');
    }
    cacheKey = hash.digest('hex').slice(0, 16);
  }
  return cacheKey;
}

/**
 * @param {string} cacheDir
 * @param {string} name
 */
function cacheFile(cacheDir, name) {
  return path.join(cacheDir, key(), name);
}

/**
 * Writes a cache file whole or not at all; a cache that cannot be written is skipped.
 *
 * @param {string} file
 * @param {string} contents
 */
function writeCacheFile(file, contents) {
  try {
    writeFileAtomic(file, contents);
    removeAbandonedTemps(path.dirname(file));
  } catch {
    // Read-only or full: the next run compiles again.
  }
}

/**
 * ajv's standalone code requires its runtime helpers (`ajv/dist/runtime/...`) by package
 * name, which would resolve from the cache folder, to another copy of ajv or to none: they
 * are required by the path of the copy that compiled the code instead.
 *
 * @param {string} code
 */
function pinRuntimeRequires(code) {
  return code.replace(
    /require\("(ajv\/dist\/[^"]+)"\)/g,
    (_, /** @type {string} */ id) => `require(${JSON.stringify(require.resolve(id))})`,
  );
}

/**
 * The kind index from the cache, or from `compute` (then cached).
 *
 * @param {string | undefined} cacheDir
 * @param {() => Map<string, string>} compute
 * @returns {Map<string, string>}
 */
function loadKinds(cacheDir, compute) {
  if (cacheDir !== undefined) {
    try {
      return new Map(JSON.parse(fs.readFileSync(cacheFile(cacheDir, 'kinds.json'), 'utf-8')));
    } catch {
      // not cached yet
    }
  }
  const kinds = compute();
  if (cacheDir !== undefined) {
    writeCacheFile(cacheFile(cacheDir, 'kinds.json'), JSON.stringify([...kinds]));
  }
  return kinds;
}

/**
 * A previously compiled validator for `definition`, or undefined.
 *
 * @param {string | undefined} cacheDir
 * @param {string} definition
 * @returns {ValidateFunction | undefined}
 */
function loadCompiled(cacheDir, definition) {
  if (cacheDir === undefined) {
    return undefined;
  }
  const file = cacheFile(cacheDir, `${definition}.js`);
  return fs.existsSync(file) ? require(file) : undefined;
}

/**
 * Compiles the validator of `definition`, saving it in the cache when there is one.
 *
 * @param {string | undefined} cacheDir
 * @param {string} definition
 * @returns {ValidateFunction}
 */
function compileKind(cacheDir, definition) {
  // ajv itself is loaded only when something must be compiled: a cached run does without it.
  const { default: Ajv, _ } = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  if (ajv === undefined) {
    ajv = new Ajv({
      allErrors: true,
      strict: false,
      formats: require('./formats'),
      code: { source: true, formats: _`require(${FORMATS_MODULE})` },
    });
    ajv.addSchema({ $id: 'k8s', definitions: loadSchema().definitions });
  }
  const check = ajv.getSchema(`k8s#/definitions/${definition}`);
  if (check === undefined) {
    throw new Error(`the Kubernetes schema has no definition ${definition}`);
  }
  if (cacheDir !== undefined) {
    writeCacheFile(cacheFile(cacheDir, `${definition}.js`), pinRuntimeRequires(standaloneCode(ajv, check)));
  }
  return check;
}

module.exports = { compileKind, loadCompiled, loadKinds, pinRuntimeRequires };
