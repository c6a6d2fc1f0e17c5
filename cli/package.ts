// Where the command finds the rest of its package: the schema validation (plain JavaScript
// beside the compiled code) and the caches. The package root is the folder of the
// `service-types` package.json above this file: the repository when the command runs from
// its sources, the installed package when it runs compiled from build/cli.
import * as fs from 'fs';
import * as path from 'path';

/** Finds the folder of service-types' package.json at or above `dir`. */
function findPackageRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf-8')) as { name?: unknown };
      if (manifest.name === 'service-types') {
        return at;
      }
    } catch {
      // no package.json here, or not JSON: look further up
    }
    if (path.dirname(at) === at) {
      throw new Error(`service-types: cannot find the package.json of service-types above ${dir}`);
    }
  }
}

/** The root of the service-types package. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

/**
 * The schema validation of the package (`service-types/schema-validation`), loaded when
 * first asked for: a synth loads it while the app renders.
 */
export function schemaValidation(): typeof import('../schema-validation') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(PACKAGE_ROOT, 'schema-validation')) as typeof import('../schema-validation');
}

/** The shared names of the schema validation: versions, schema files and the cache root. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const schemaConstants = require(path.join(PACKAGE_ROOT, 'schema-validation', 'constants.js')) as {
  readonly K8S_VERSION: string;
  readonly GATEWAY_API_VERSION: string;
  readonly SCHEMA_CACHE: string;
  cacheRoot(packageRoot?: string): string;
};

/** Writing files whole or not at all, shared with the schema validation's caches. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const atomicWrite = require(path.join(PACKAGE_ROOT, 'schema-validation', 'atomic-write.js')) as {
  writeFileAtomic(file: string, contents: string | NodeJS.ArrayBufferView): void;
  removeAbandonedTemps(dir: string): void;
};

/** Whether a process that left a lock or work file behind still runs. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { isRunning } = require(path.join(PACKAGE_ROOT, 'schema-validation', 'processes.js')) as {
  isRunning(pid: number): boolean;
};
