'use strict';
// Compiles a cdk8s app (its entry file and every project file it imports) into one
// CommonJS file with esbuild, and reuses that file only for exactly the same inputs at the
// same place. The key is a digest of the project folder's path, of the contents of every
// file esbuild compiled (as esbuild read them, so that an edit saved during a build cannot
// be cached under the new contents), of the file names module resolution could pick in
// each folder involved, of the tsconfig.json and package.json files there, and of this
// compiler's code and esbuild's version. A copied project, an edit that keeps a file's
// size and time, or a new file that changes what an import resolves to each get a bundle
// of their own. Packages stay external: they are loaded from node_modules at run time.
//
// esbuild strips types without checking them: `npm test` and `npm run build` run tsc.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { removeAbandonedTemps, writeFileAtomic } = require('../schema-validation/atomic-write');
const { BUNDLE_CACHE, DEFAULT_APP, PROJECT_ROOT } = require('./constants');

/** Bundles kept per entry and project folder; older ones are removed. */
const KEEP = 4;
/** @type {Record<string, import('esbuild').Loader>} */
const LOADERS = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};
/** Names an import without a package name can resolve to. */
const RESOLVABLE = /\.(?:[cm]?[jt]sx?|json)$/;
/** Files esbuild reads for its settings, beside the sources or above them. */
const SETTINGS_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];

/** @param {string} text */
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

/** @type {string | undefined} */
let compilerKey;

/** This file's code and esbuild's version: what turns the same sources into a bundle. */
function compiler() {
  if (compilerKey === undefined) {
    compilerKey = sha256(`${fs.readFileSync(__filename, 'utf-8')}\0${require('esbuild/package.json').version}`);
  }
  return compilerKey;
}

/**
 * The folders module resolution and esbuild's settings lookup look at for these inputs:
 * each input's folder and, inside `root`, every folder above it up to `root`.
 *
 * @param {string} root
 * @param {readonly string[]} inputs absolute paths
 */
function foldersLookedAt(root, inputs) {
  const folders = new Set();
  for (const input of inputs) {
    let dir = path.dirname(input);
    folders.add(dir);
    while (dir.startsWith(root + path.sep)) {
      dir = path.dirname(dir);
      folders.add(dir);
    }
  }
  return [...folders].sort();
}

/**
 * The cache key of a bundle of `inputs` (relative to `root`), with `read` giving each
 * input's contents. Throws when an input cannot be read.
 *
 * @param {string} root
 * @param {readonly string[]} inputs
 * @param {(file: string) => Buffer} read
 */
function bundleKey(root, inputs, read) {
  const hash = crypto.createHash('sha256').update(`${compiler()}\0${root}\0`);
  const files = inputs.map((input) => path.resolve(root, input));
  files.forEach((file, i) => hash.update(`${inputs[i]}\0`).update(read(file)).update('\0'));
  for (const dir of foldersLookedAt(root, files)) {
    const names = fs.readdirSync(dir).filter((name) => RESOLVABLE.test(name));
    hash.update(`${dir}\0${names.sort().join('/')}\0`);
    for (const name of SETTINGS_FILES.filter((n) => names.includes(n))) {
      hash.update(fs.readFileSync(path.join(dir, name))).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The cache files of one entry of one project folder.
 *
 * @param {string} root
 * @param {string} entryFile
 */
function cacheFiles(root, entryFile) {
  const name = `${path.relative(root, entryFile).replace(/[^A-Za-z0-9]+/g, '_')}.${sha256(root).slice(0, 12)}.`;
  return {
    name,
    /** The inputs of the latest build. */
    index: path.join(BUNDLE_CACHE, `${name}json`),
    /** @param {string} key */
    bundle: (key) => path.join(BUNDLE_CACHE, `${name}${key}.js`),
  };
}

/**
 * The cached bundle built from exactly the files the latest build read, as they are now.
 *
 * @param {string} root
 * @param {ReturnType<typeof cacheFiles>} files
 * @returns {string | undefined}
 */
function cachedBundle(root, files) {
  try {
    /** @type {{ inputs: string[] }} */
    const { inputs } = JSON.parse(fs.readFileSync(files.index, 'utf-8'));
    const bundle = files.bundle(bundleKey(root, inputs, (file) => fs.readFileSync(file)));
    return fs.existsSync(bundle) ? bundle : undefined;
  } catch {
    // No build yet, or an input is gone: build.
    return undefined;
  }
}

/**
 * Removes all but the newest bundles of this entry and project folder.
 *
 * @param {ReturnType<typeof cacheFiles>} files
 */
function prune(files) {
  const bundles = fs
    .readdirSync(BUNDLE_CACHE)
    .filter((f) => f.startsWith(files.name) && f.endsWith('.js'))
    .map((f) => ({ file: path.join(BUNDLE_CACHE, f), mtime: fs.statSync(path.join(BUNDLE_CACHE, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of bundles.slice(KEEP)) {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.map`, { force: true });
  }
}

/**
 * Compiles `entryFile` and caches the result under the key of what esbuild read.
 *
 * @param {string} root
 * @param {string} entryFile
 * @param {ReturnType<typeof cacheFiles>} files
 */
async function build(root, entryFile, files) {
  const esbuild = require('esbuild');
  /** @type {Map<string, Buffer>} */
  const read = new Map();
  const placeholder = path.join(BUNDLE_CACHE, 'bundle.js');
  const result = await esbuild.build({
    entryPoints: [entryFile],
    absWorkingDir: root,
    outfile: placeholder,
    write: false,
    metafile: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'error',
    plugins: [
      {
        name: 'record-inputs',
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: RESOLVABLE }, (args) => {
            const contents = fs.readFileSync(args.path);
            read.set(args.path, contents);
            return { contents, loader: LOADERS[path.extname(args.path)] };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const bundle = files.bundle(bundleKey(root, inputs, (file) => read.get(file) ?? fs.readFileSync(file)));
  const output = (/** @type {string} */ file) => result.outputFiles.find((f) => f.path === file)?.text ?? '';
  // The map before the code, the code before the index: a bundle found always has its map.
  writeFileAtomic(`${bundle}.map`, output(`${placeholder}.map`));
  writeFileAtomic(
    bundle,
    output(placeholder).replace(
      /\/\/# sourceMappingURL=bundle\.js\.map\s*$/,
      `//# sourceMappingURL=${path.basename(bundle)}.map\n`,
    ),
  );
  writeFileAtomic(files.index, JSON.stringify({ inputs }));
  prune(files);
  return bundle;
}

/**
 * The path of a compiled bundle of `entry` (relative to `root`), built when no bundle of
 * exactly the current inputs exists.
 *
 * @param {string} [entry]
 * @param {string} [root]
 * @returns {Promise<string>}
 */
async function appBundle(entry = DEFAULT_APP, root = PROJECT_ROOT) {
  const entryFile = path.resolve(root, entry);
  const files = cacheFiles(root, entryFile);
  removeAbandonedTemps(BUNDLE_CACHE);
  return cachedBundle(root, files) ?? build(root, entryFile, files);
}

module.exports = { appBundle };
