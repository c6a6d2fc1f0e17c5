// Where a synth may write, and what it may replace there. A synth replaces its output folder
// whole, so before it renders it accepts only a folder that is absent or a folder of its own
// (never the project folder or one above it, the home folder, anything inside node_modules
// or .git, a file or a symbolic link), and before it publishes it checks that everything in
// the folder is a file it wrote itself: a file the previous synth recorded writing, or, with
// no record (a fresh clone), a manifest named as the new render names its files. Anything
// else (a kustomization.yaml, an overlays/ folder, notes, a README) is the user's: the synth
// stops and names it instead of deleting it. The checks only read: a refused output is left
// exactly as it was.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseManifest } from '../manifests';

/** Foreign entries named in a message; the rest are counted. */
const SHOWN = 5;

/** An output folder synth will not write into; `problems` says why, all at once. */
export class OutputRefused extends Error {
  constructor(
    shown: string,
    public readonly problems: readonly string[],
  ) {
    super(`--output ${shown} is refused`);
    this.name = 'OutputRefused';
  }
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/** `dir` itself if it exists, else its nearest ancestor that does. */
function nearestExisting(dir: string): string {
  let existing = dir;
  while (!fs.existsSync(existing)) {
    existing = path.dirname(existing);
  }
  return existing;
}

/** `dir` with symbolic links resolved, also when it does not exist yet. */
function realLocation(dir: string): string {
  const existing = nearestExisting(dir);
  return path.join(fs.realpathSync(existing), path.relative(existing, dir));
}

/** Why `dir` must not be an output at all, whatever it holds. */
function locationProblem(dir: string, projectRoot: string): string | undefined {
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
  let stat: fs.Stats;
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

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return false;
  }
  // Permissions do not stop root: a folder nobody may write to is read-only for synth too.
  return (fs.statSync(dir).mode & 0o222) !== 0;
}

/**
 * Whether `file` carries a flag that stops even root from removing it (immutable or
 * append-only): opening it for writing, which changes nothing, is refused with EPERM.
 */
function pinned(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_RDWR));
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Throws an {@link OutputRefused} unless `outdir` (absolute) can be an output at all. Runs
 * before anything renders.
 *
 * @param shown the folder as the user gave it, for messages
 */
export function checkOutputLocation(outdir: string, shown: string, projectRoot: string): void {
  const location = locationProblem(outdir, projectRoot);
  const problems = location === undefined ? [] : [location];
  const parent = nearestExisting(path.dirname(outdir));
  if (location === undefined && !writable(parent)) {
    problems.push(`${parent} is read-only, and synth renders beside the output before it replaces it`);
  }
  if (problems.length > 0) {
    throw new OutputRefused(shown, problems);
  }
}

/** Every file (and every folder, with a trailing `/`) below `dir`, relative to it, sorted. */
function entriesBelow(dir: string): { files: string[]; folders: string[]; others: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const others: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        folders.push(name);
        visit(name);
      } else if (entry.isFile()) {
        files.push(name);
      } else {
        others.push(name);
      }
    }
  };
  visit('');
  return { files: files.sort(), folders: folders.sort(), others: others.sort() };
}

/** Whether `file` holds nothing but Kubernetes objects, as a render does. */
function holdsObjectsOnly(file: string): boolean {
  const { objects, problems } = parseManifest(file, fs.readFileSync(file, 'utf-8'));
  return (
    problems.length === 0 &&
    objects.every(
      ({ object }) =>
        typeof object?.kind === 'string' &&
        typeof object?.apiVersion === 'string' &&
        typeof object?.metadata?.name === 'string',
    )
  );
}

/** The form of a render's file names: the extension they share and whether they are numbered. */
function nameForm(rendered: readonly string[]): (name: string) => boolean {
  const numbered = rendered.length > 0 && rendered.every((f) => /^\d{4}-/.test(path.basename(f)));
  const extensions = new Set(rendered.map((f) => path.basename(f).slice(path.basename(f).indexOf('.'))));
  return (name) =>
    !name.includes(path.sep) &&
    !name.startsWith('.') &&
    numbered === /^\d{4}-/.test(name) &&
    [...extensions].some((extension) => name.endsWith(extension));
}

/** What a synth may replace in its output folder. */
export interface Ownership {
  /** The files the previous synth into this folder wrote, when it left a record. */
  readonly written?: readonly string[];
  /** The files of the new render, relative to the output. */
  readonly rendered: readonly string[];
}

/**
 * Throws an {@link OutputRefused} unless every entry of `outdir` is a file a synth wrote,
 * and everything in it can be replaced. Runs under the lock, after the render.
 */
export function checkOutputContents(outdir: string, shown: string, ownership: Ownership): void {
  if (!fs.existsSync(outdir)) {
    return;
  }
  const { files, folders, others } = entriesBelow(outdir);
  const written = new Set(ownership.written ?? []);
  const rendered = new Set(ownership.rendered);
  const sameForm = nameForm(ownership.rendered);
  const ours = (file: string) =>
    rendered.has(file) ||
    written.has(file) ||
    (ownership.written === undefined && sameForm(file) && holdsObjectsOnly(path.join(outdir, file)));
  const ourFolders = new Set([...written, ...rendered].flatMap(ancestors));
  // A folder synth did not write is named once, not file by file.
  const inForeignFolder = (entry: string) => ancestors(entry).some((folder) => !ourFolders.has(folder));
  const foreign = [
    ...files.filter((f) => !inForeignFolder(f) && !ours(f)),
    ...folders.filter((d) => !ourFolders.has(d) && !inForeignFolder(d)).map((d) => `${d}/`),
    ...others.filter((o) => !inForeignFolder(o)),
  ].sort();
  const problems: string[] = [];
  if (foreign.length > 0) {
    const more = foreign.length > SHOWN ? ` and ${foreign.length - SHOWN} more` : '';
    problems.push(
      `it holds ${foreign.slice(0, SHOWN).join(', ')}${more}, which synth did not write; synth replaces ` +
        'only the files it wrote itself: move them out of the folder, or render into another with --output',
    );
  }
  const readOnly = ['', ...folders].filter((folder) => !writable(path.join(outdir, folder)));
  if (readOnly.length > 0) {
    const names = readOnly.map((folder) => path.join(shown, folder)).join(', ');
    problems.push(
      `${names} ${readOnly.length === 1 ? 'is' : 'are'} read-only; synth replaces only what it may write (chmod u+w)`,
    );
  }
  const stuck = files.filter((f) => pinned(path.join(outdir, f)));
  if (stuck.length > 0) {
    problems.push(
      `${stuck.map((f) => path.join(shown, f)).join(', ')} cannot be replaced: immutable or append-only ` +
        '(lsattr shows the flag; chattr -i or -a removes it)',
    );
  }
  if (problems.length > 0) {
    throw new OutputRefused(shown, problems);
  }
}

/** The folders above a relative path: `a/b/c.yaml` → `a`, `a/b`. */
function ancestors(file: string): string[] {
  const parts = file.split(path.sep).slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join(path.sep));
}
