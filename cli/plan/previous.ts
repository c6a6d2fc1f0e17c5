// Finds the previous render: a folder of manifests, or a folder as committed at a git revision
// (`HEAD`, `main`, `v1.2`, `HEAD~1:examples/production/dist`). Reads only; git is asked for
// objects, never for anything that changes the repository or the working tree.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ManifestFile, PlanInputError } from './manifests';

/** A previous render: what to call it in messages, and its files. */
export interface Render {
  readonly label: string;
  readonly files: ManifestFile[];
}

/** Where the previous render is found. */
export interface Where {
  /** The folder `--against` folders are resolved from. */
  readonly cwd: string;
  /** The project's folder, in its git repository. */
  readonly root: string;
  /** The project's output folder, relative to `root`, as in its cdk8s.yaml. @default 'dist' */
  readonly output?: string;
}

/** The git revision whose committed render is compared with by default. */
export const DEFAULT_PLAN_REF = 'HEAD';

const isManifest = (name: string) => /\.ya?ml$/.test(name);

/** The YAML files directly inside `dir`, sorted as `kubectl apply -f` reads them. */
export function readFolder(dir: string): ManifestFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isManifest(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf-8') }));
}

/** Runs git read-only in `repo`. */
function git(repo: string, args: string[], input?: string) {
  const result = spawnSync('git', args, {
    cwd: repo,
    input: input === undefined ? undefined : Buffer.from(input, 'utf-8'),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    throw new PlanInputError(`cannot run git: ${result.error.message}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf-8').trim() };
}

/** Where `folder` is inside its git repository ('' at the top), or '' outside any repository. */
function repositoryPrefix(folder: string): string {
  const prefix = git(folder, ['rev-parse', '--show-prefix']);
  return prefix.status === 0 ? prefix.stdout.toString('utf-8').trim() : '';
}

/** The YAML files of `folder` (relative to the repository root) as committed at `ref`. */
function readCommittedFolder(
  repo: string,
  ref: string,
  folder: string,
  unknown: string,
  noRepository = `${repo} is not in a git repository; give --against a folder of manifests instead`,
): Render {
  const inside = git(repo, ['rev-parse', '--is-inside-work-tree']);
  if (inside.status !== 0) {
    throw new PlanInputError(noRepository);
  }
  const resolved = git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (resolved.status !== 0) {
    throw new PlanInputError(unknown);
  }
  const commit = resolved.stdout.toString('utf-8').trim();
  const label = `${folder}/ at ${ref} (${commit.slice(0, 12)})`;
  const listing = git(repo, ['ls-tree', '-z', '--full-tree', commit, '--', `${folder}/`]);
  const entries = listing.stdout
    .toString('utf-8')
    .split('\0')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [meta, file] = line.split('\t');
      const [, type, object] = meta.split(' ');
      return { type, object, file: path.posix.basename(file) };
    })
    .filter((entry) => entry.type === 'blob' && isManifest(entry.file))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (listing.status !== 0 || entries.length === 0) {
    throw new PlanInputError(
      `${ref} has no ${folder}/ folder with manifests, so there is no previous render to compare with; ` +
        `commit a render there, or give --against another revision or a folder`,
    );
  }
  // One `git cat-file --batch` reads every file, however many there are.
  const batch = git(repo, ['cat-file', '--batch'], entries.map((entry) => `${entry.object}\n`).join(''));
  const files: ManifestFile[] = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = batch.stdout.indexOf(0x0a, offset);
    const size = Number(batch.stdout.subarray(offset, headerEnd).toString('utf-8').split(' ')[2]);
    const start = headerEnd + 1;
    files.push({ file: entry.file, text: batch.stdout.subarray(start, start + size).toString('utf-8') });
    offset = start + size + 1;
  }
  return { label, files };
}

/**
 * The previous render named by `--against`: an existing folder, `<ref>:<folder>`, or a git
 * revision whose output folder is read. Without `--against`, the output folder at HEAD.
 */
export function readPrevious(against: string | undefined, { cwd, root, output = 'dist' }: Where): Render {
  // The project may live in a subfolder of its repository; git paths start at the top.
  const outputInRepository = () => path.posix.join(repositoryPrefix(root), output.split(path.sep).join('/'));
  if (against === undefined) {
    const unknown = `git knows no revision ${DEFAULT_PLAN_REF} yet: commit a render, or give --against a folder`;
    return readCommittedFolder(root, DEFAULT_PLAN_REF, outputInRepository(), unknown);
  }
  const folder = path.resolve(cwd, against);
  if (fs.existsSync(folder)) {
    if (!fs.statSync(folder).isDirectory()) {
      throw new PlanInputError(`--against ${against} is a file; give a folder of manifests or a git revision`);
    }
    const others = fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && !entry.isDirectory() && !isManifest(entry.name))
      .map((entry) => entry.name)
      .sort();
    if (others.length > 0) {
      throw new PlanInputError(`--against ${against} holds more than manifests, so it is no render to compare with`, [
        `not YAML manifests: ${others.join(', ')}`,
      ]);
    }
    return { label: `the folder ${against}`, files: readFolder(folder) };
  }
  const colon = against.indexOf(':');
  const ref = colon > 0 ? against.slice(0, colon) : against;
  const unknown = `--against ${against}: there is no such folder, and git knows no revision ${ref}`;
  const noRepository = `--against ${against}: there is no such folder, and the project is in no git repository`;
  if (colon > 0) {
    const inRepo = path.posix.normalize(against.slice(colon + 1)).replace(/^\.?\/+|\/+$/g, '');
    return readCommittedFolder(root, ref, inRepo || '.', unknown, noRepository);
  }
  return readCommittedFolder(root, ref, outputInRepository(), unknown, noRepository);
}
