'use strict';
// Where a synth may write. A synth replaces its output folder whole, so it accepts only a
// folder that is absent, empty, or holds nothing but YAML manifests, as an earlier synth
// leaves it; it refuses the project folder and the folders above it, the home folder,
// anything inside node_modules or .git, a file, a symbolic link, a folder holding anything
// else (sources, a .git, dotfiles), and a folder it could not replace. The check only
// reads: a refused output is left exactly as it was, and nothing is created beside it.
const fs = require('fs');
const os = require('os');
const path = require('path');

const MANIFEST = /^[^.].*\.ya?ml$/;
/** Foreign entries named in a message; the rest are counted. */
const SHOWN = 5;

/** An output folder synth will not write into; `problems` says why, all at once. */
class OutputRefused extends Error {
  /**
   * @param {string} shown the folder as the user gave it
   * @param {readonly string[]} problems
   */
  constructor(shown, problems) {
    super(`--output ${shown} is refused`);
    this.name = 'OutputRefused';
    /** @readonly */
    this.problems = problems;
  }
}

/**
 * @param {string} parent
 * @param {string} child
 */
function isInside(parent, child) {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/**
 * `dir` itself if it exists, else its nearest ancestor that does.
 *
 * @param {string} dir absolute
 */
function nearestExisting(dir) {
  let existing = dir;
  while (!fs.existsSync(existing)) {
    existing = path.dirname(existing);
  }
  return existing;
}

/**
 * `dir` with symbolic links resolved, also when it does not exist yet: the real path of its
 * nearest existing ancestor, followed by the rest.
 *
 * @param {string} dir absolute
 */
function realLocation(dir) {
  const existing = nearestExisting(dir);
  return path.join(fs.realpathSync(existing), path.relative(existing, dir));
}

/**
 * Why `dir` must not be an output at all, whatever it holds.
 *
 * @param {string} dir absolute
 * @param {string} projectRoot
 * @returns {string | undefined}
 */
function locationProblem(dir, projectRoot) {
  const real = realLocation(dir);
  const root = fs.realpathSync(projectRoot);
  const home = realLocation(os.homedir());
  if (real === root) {
    return 'it is the project folder; give a folder of its own, such as dist';
  }
  if (isInside(real, root)) {
    return 'it holds the project folder; give a folder of its own, such as dist';
  }
  if (real === home || isInside(real, home)) {
    return 'it is the home folder or holds it; give a folder of its own, such as dist';
  }
  const parts = real.split(path.sep);
  if (parts.includes('node_modules') || parts.includes('.git')) {
    return 'it is inside node_modules or .git, which belong to npm and git';
  }
  let stat;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    const ancestor = nearestExisting(path.dirname(dir));
    return fs.statSync(ancestor).isDirectory() ? undefined : `${ancestor} is a file, not a folder`;
  }
  if (stat.isSymbolicLink()) {
    return 'it is a symbolic link, which synth would replace by a folder; give the folder it points to';
  }
  return stat.isDirectory() ? undefined : 'it is a file, not a folder';
}

/**
 * What is below `dir`: every entry that is not a YAML manifest an earlier synth could have
 * written (folders of manifests count as manifests), and every folder, relative to `dir`.
 *
 * @param {string} dir
 */
function contents(dir) {
  /** @type {string[]} */
  const foreign = [];
  const folders = [''];
  /** @param {string} relative */
  const visit = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        folders.push(name);
        visit(name);
      } else if (!(entry.isFile() && MANIFEST.test(entry.name))) {
        foreign.push(entry.isDirectory() ? `${name}/` : name);
      }
    }
  };
  visit('');
  return { foreign: foreign.sort(), folders };
}

/**
 * @param {string} dir
 * @returns {boolean}
 */
function writable(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return false;
  }
  // Permissions do not stop root: a folder nobody may write to is read-only for synth too.
  return (fs.statSync(dir).mode & 0o222) !== 0;
}

/**
 * Throws an {@link OutputRefused} unless synth may replace `outdir` with a new render.
 *
 * @param {string} outdir absolute path
 * @param {string} shown the folder as the user gave it, for messages
 * @param {string} projectRoot
 */
function checkOutput(outdir, shown, projectRoot) {
  const location = locationProblem(outdir, projectRoot);
  if (location !== undefined) {
    throw new OutputRefused(shown, [location]);
  }
  const problems = [];
  if (fs.existsSync(outdir)) {
    const { foreign, folders } = contents(outdir);
    if (foreign.length > 0) {
      const more = foreign.length > SHOWN ? ` and ${foreign.length - SHOWN} more` : '';
      problems.push(
        `it holds ${foreign.slice(0, SHOWN).join(', ')}${more}, which synth did not write; ` +
          'synth replaces a folder only when it is empty or holds nothing but YAML manifests',
      );
    }
    const readOnly = folders.filter((folder) => !writable(path.join(outdir, folder)));
    if (readOnly.length > 0) {
      const names = readOnly.map((folder) => path.join(shown, folder)).join(', ');
      problems.push(
        `${names} ${readOnly.length === 1 ? 'is' : 'are'} read-only; synth replaces only what it may write (chmod u+w)`,
      );
    }
  }
  const parent = nearestExisting(path.dirname(outdir));
  if (!writable(parent)) {
    problems.push(`${parent} is read-only, and synth renders beside the output before it replaces it`);
  }
  if (problems.length > 0) {
    throw new OutputRefused(shown, problems);
  }
}

module.exports = { checkOutput };
