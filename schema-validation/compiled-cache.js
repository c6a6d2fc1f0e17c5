'use strict';
// Compiles kinds' schemas with ajv and, given a cache folder, keeps each compiled validator
// as standalone code keyed by the schema file's size and time, the ajv version and this
// folder's own code, so that a stale cache is never used.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { loadSchema, SCHEMA_FILE } = require('./schema');

const FORMATS_MODULE = path.join(__dirname, 'formats.js');
let ajv;
let cacheKey;

function key() {
  if (cacheKey === undefined) {
    const parts = [SCHEMA_FILE, require('ajv/package.json').version];
    for (const file of [SCHEMA_FILE, ...fs.readdirSync(__dirname).map((f) => path.join(__dirname, f))]) {
      const stat = fs.statSync(file);
      parts.push(`${file}:${stat.size}:${stat.mtimeMs}`);
    }
    cacheKey = crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
  }
  return cacheKey;
}

function cacheFile(cacheDir, name) {
  return path.join(cacheDir, key(), name);
}

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/** The kind index from the cache, or from `compute` (then cached). */
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
    writeAtomically(cacheFile(cacheDir, 'kinds.json'), JSON.stringify([...kinds]));
  }
  return kinds;
}

/** A previously compiled validator for `definition`, or undefined. */
function loadCompiled(cacheDir, definition) {
  if (cacheDir === undefined) {
    return undefined;
  }
  const file = cacheFile(cacheDir, `${definition}.js`);
  return fs.existsSync(file) ? require(file) : undefined;
}

/** Compiles the validator of `definition`, saving it in the cache when there is one. */
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
  if (cacheDir !== undefined) {
    writeAtomically(cacheFile(cacheDir, `${definition}.js`), standaloneCode(ajv, check));
  }
  return check;
}

module.exports = { compileKind, loadCompiled, loadKinds };
