// Replacing an output folder by a new render so that, whenever the synth is killed, the
// folder holds the old render or the new one, never a mix. The render is made in a staging
// folder beside the output; then the output is renamed aside ("retired") and the staging
// folder renamed into its place. Between those two renames there is no output folder: a
// synth killed there leaves the old render under its retired name, and the next synth into
// the folder renames it back before anything else.
//
// Both run under the synth lock (lock.ts). A synth renders into its staging folder before it
// takes the lock, so a staging folder may belong to a synth still at work: each work file
// carries the id of the process that made it, and only those of dead processes are touched.
import * as fs from 'fs';
import * as path from 'path';
import { isRunning } from '../package';
import { synthWorkFiles } from './work-files';

/** The id of the process that made a work file (`...-staging-<pid>`), or undefined. */
const ownerOf = (file: string) => {
  const match = /-(\d+)$/.exec(file);
  return match === null ? undefined : Number(match[1]);
};

/** What {@link recover} did. */
export interface Recovery {
  /** Whether the output a killed synth had set aside was put back. */
  readonly restored: boolean;
  /** Leftovers that could not be removed, each with the reason; nothing depends on them. */
  readonly stuck: readonly string[];
}

/**
 * Why removing `file` failed, and what lets a later run remove it. Node reports an immutable
 * file inside a folder as EPERM or, once it falls back to reading the folder, ENOTDIR.
 */
function removalProblem(file: string, error: unknown): string {
  return (
    `${file} could not be removed (${(error as Error).message}); a file in it may be immutable or ` +
    'append-only (lsattr shows it, chattr -i or -a removes the flag)'
  );
}

/**
 * Puts back the output a killed synth left retired, if the output is missing, and removes
 * every other work file killed synths left beside the output. A leftover that cannot be
 * removed is reported, never a reason to stop: no later synth needs it gone.
 *
 * @param outdir absolute path
 */
export function recover(outdir: string): Recovery {
  const work = synthWorkFiles(outdir);
  const dir = path.dirname(outdir);
  const prefix = path.basename(work.prefix);
  const leftovers = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => path.join(dir, name))
    .filter((file) => file !== work.lock && !isRunning(ownerOf(file) ?? 0));
  // Only one can exist when the output is missing: the synth that retired it was killed
  // before it could rename its render in, and every later synth starts by restoring it.
  const retired = leftovers.find((file) => file.startsWith(work.retiredPrefix));
  const restored = retired !== undefined && !fs.existsSync(outdir);
  if (restored) {
    fs.renameSync(retired, outdir);
  }
  const stuck: string[] = [];
  for (const file of leftovers.filter((f) => !(restored && f === retired))) {
    try {
      fs.rmSync(file, { recursive: true, force: true });
    } catch (error) {
      stuck.push(removalProblem(file, error));
    }
  }
  return { restored, stuck };
}

/**
 * Replaces `outdir` by `staging`, or leaves `outdir` as it was and throws.
 *
 * @param staging a complete render beside `outdir`
 * @param outdir absolute path
 * @param verifyLock throws unless this synth still holds the lock
 * @returns a warning when the old render could not be removed
 */
export function publish(staging: string, outdir: string, verifyLock: () => void): string | undefined {
  const retired = synthWorkFiles(outdir).retired(process.pid);
  verifyLock();
  const replacing = fs.existsSync(outdir);
  if (replacing) {
    fs.renameSync(outdir, retired);
  }
  try {
    fs.renameSync(staging, outdir);
  } catch (error) {
    if (replacing) {
      fs.renameSync(retired, outdir);
    }
    throw error;
  }
  if (replacing) {
    try {
      fs.rmSync(retired, { recursive: true, force: true });
    } catch (error) {
      return `the previous render was replaced, but ${removalProblem(retired, error)}; remove it by hand`;
    }
  }
  return undefined;
}
