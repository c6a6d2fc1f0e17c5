// Compiles a TypeScript cdk8s app (its entry file and every project file it imports) into
// one CommonJS file with esbuild, and reuses that file only for exactly the same inputs. The
// key is a digest of the contents of every file esbuild compiled (as esbuild read them, so
// that an edit saved during a build cannot be cached under the new contents), of their paths
// relative to the project, of the file names module resolution could pick in each folder
// involved, of the tsconfig.json and package.json files there, and of this compiler's code
// and esbuild's version; never of where the project is. An edit that keeps a file's size and
// time, or a new file that changes what an import resolves to, gets a bundle of its own.
// Packages stay external: they are loaded from the project's node_modules at run time.
//
// esbuild strips types without checking them: the project's own tsc run checks them.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Loader } from 'esbuild';
import { atomicWrite, schemaConstants } from './package';

/** Compiled app bundles, kept between synths, in the project's node_modules/.cache. */
export const BUNDLE_CACHE = path.join(schemaConstants.cacheRoot(), 'bundles');

/** Bundles kept per entry; older ones are removed. */
const KEEP = 4;
const LOADERS: Record<string, Loader> = {
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

const sha256 = (text: string | Buffer) => crypto.createHash('sha256').update(text).digest('hex');

let compilerKey: string | undefined;

/** This file's code and esbuild's version: what turns the same sources into a bundle. */
function compiler(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compilerKey ??= sha256(`${fs.readFileSync(__filename, 'utf-8')}\0${require('esbuild/package.json').version}`);
  return compilerKey;
}

/** `file` relative to `root`, with `/` separators, for keys that do not depend on where the project is. */
const relative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/**
 * The folders module resolution and esbuild's settings lookup look at for these inputs:
 * each input's folder and, inside `root`, every folder above it up to `root`.
 */
function foldersLookedAt(root: string, inputs: readonly string[]): string[] {
  const folders = new Set<string>();
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
 */
function bundleKey(root: string, inputs: readonly string[], read: (file: string) => Buffer): string {
  const hash = crypto.createHash('sha256').update(`${compiler()}\0`);
  const files = inputs.map((input) => path.resolve(root, input));
  files.forEach((file, i) => hash.update(`${inputs[i]}\0`).update(read(file)).update('\0'));
  for (const dir of foldersLookedAt(root, files)) {
    const names = fs.readdirSync(dir).filter((name) => RESOLVABLE.test(name));
    hash.update(`${relative(root, dir)}\0${names.sort().join('/')}\0`);
    for (const name of SETTINGS_FILES.filter((n) => names.includes(n))) {
      hash.update(fs.readFileSync(path.join(dir, name))).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** The cache files of one entry. */
function cacheFiles(root: string, entryFile: string) {
  const name = `${relative(root, entryFile).replace(/[^A-Za-z0-9]+/g, '_')}.`;
  return {
    name,
    /** The inputs of the latest build. */
    index: path.join(BUNDLE_CACHE, `${name}json`),
    // .cjs: CommonJS whatever the `type` of the project's package.json, as esbuild wrote it.
    bundle: (key: string) => path.join(BUNDLE_CACHE, `${name}${key}.cjs`),
  };
}
type CacheFiles = ReturnType<typeof cacheFiles>;

/** The cached bundle built from exactly the files the latest build read, as they are now. */
function cachedBundle(root: string, files: CacheFiles): string | undefined {
  try {
    const { inputs } = JSON.parse(fs.readFileSync(files.index, 'utf-8')) as { inputs: string[] };
    const bundle = files.bundle(bundleKey(root, inputs, (file) => fs.readFileSync(file)));
    return fs.existsSync(bundle) ? bundle : undefined;
  } catch {
    // No build yet, or an input is gone: build.
    return undefined;
  }
}

/** Removes all but the newest bundles of this entry. */
function prune(files: CacheFiles): void {
  const bundles = fs
    .readdirSync(BUNDLE_CACHE)
    .filter((f) => f.startsWith(files.name) && f.endsWith('.cjs'))
    .map((f) => ({ file: path.join(BUNDLE_CACHE, f), mtime: fs.statSync(path.join(BUNDLE_CACHE, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of bundles.slice(KEEP)) {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.map`, { force: true });
  }
}

/** The app could not be compiled: esbuild's messages, each with file and line. */
export class CompileFailed extends Error {
  constructor(public readonly problems: readonly string[]) {
    super('the app could not be compiled');
    this.name = 'CompileFailed';
  }
}

/** Compiles `entryFile` and caches the result under the key of what esbuild read. */
async function build(root: string, entryFile: string, files: CacheFiles): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const read = new Map<string, Buffer>();
  const placeholder = path.join(BUNDLE_CACHE, 'bundle.cjs');
  let result;
  try {
    result = await esbuild.build({
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
      logLevel: 'silent',
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
  } catch (error) {
    const messages = (error as { errors?: import('esbuild').Message[] }).errors;
    if (messages === undefined) {
      throw error;
    }
    throw new CompileFailed(
      messages.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '') + m.text),
    );
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  const bundle = files.bundle(bundleKey(root, inputs, (file) => read.get(file) ?? fs.readFileSync(file)));
  const output = (file: string) => result.outputFiles.find((f) => f.path === file)?.text ?? '';
  // The map before the code, the code before the index: a bundle found always has its map.
  atomicWrite.writeFileAtomic(`${bundle}.map`, output(`${placeholder}.map`));
  atomicWrite.writeFileAtomic(
    bundle,
    output(placeholder).replace(
      /\/\/# sourceMappingURL=bundle\.cjs\.map\s*$/,
      `//# sourceMappingURL=${path.basename(bundle)}.map\n`,
    ),
  );
  atomicWrite.writeFileAtomic(files.index, JSON.stringify({ inputs }));
  prune(files);
  return bundle;
}

/**
 * The path of a compiled bundle of `entry` (relative to `root`), built when no bundle of
 * exactly the current inputs exists.
 */
export async function appBundle(entry: string, root: string): Promise<string> {
  const entryFile = path.resolve(root, entry);
  const files = cacheFiles(root, entryFile);
  atomicWrite.removeAbandonedTemps(BUNDLE_CACHE);
  return cachedBundle(root, files) ?? build(root, entryFile, files);
}
