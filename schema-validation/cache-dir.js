'use strict';
// Where compiled schema validators are kept between runs: `.cache/service-types/schema` in
// the node_modules folder of the project that uses them, where other tools keep theirs.
//
// - In this repository that is its own node_modules/.
// - Installed as a dependency (<project>/node_modules/service-types/schema-validation), it
//   is <project>/node_modules/, the outermost node_modules folder above the package: never
//   a folder inside the installed package, and the same for nested and pnpm-style layouts.
//
// Writing there is best effort (compiled-cache.js), and the cache key makes one folder
// safe to share between versions of the package.
const path = require('path');

const PACKAGE_ROOT = path.resolve(__dirname, '..');

/** The `.cache/service-types` folder for a copy of the package at `packageRoot`. */
function cacheRoot(packageRoot = PACKAGE_ROOT) {
  const parts = path.resolve(packageRoot).split(path.sep);
  const outermost = parts.indexOf('node_modules');
  const nodeModules =
    outermost === -1 ? path.join(packageRoot, 'node_modules') : parts.slice(0, outermost + 1).join(path.sep);
  return path.join(nodeModules, '.cache', 'service-types');
}

module.exports = {
  cacheRoot,
  SCHEMA_CACHE: path.join(cacheRoot(), 'schema'),
};
