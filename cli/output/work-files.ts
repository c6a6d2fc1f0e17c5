import * as path from 'path';

/**
 * The work files of a synth into `outdir`, all beside it and named after it, so that a synth
 * into `dist` and one into `out/dev` never meet: `.dist.synth-lock` while a synth runs,
 * and `.dist.synth-staging-<pid>` and `.dist.synth-retired-<pid>` during one.
 *
 * @param outdir absolute path of the output folder
 */
export function synthWorkFiles(outdir: string) {
  const prefix = path.join(path.dirname(outdir), `.${path.basename(outdir)}.synth-`);
  return {
    /** Every work file starts with this path. */
    prefix,
    lock: `${prefix}lock`,
    /** A lock being taken over from a killed synth (lock.ts). */
    claimedLock: (pid: number) => `${prefix}lock-claimed-${pid}`,
    staging: (pid: number) => `${prefix}staging-${pid}`,
    retiredPrefix: `${prefix}retired-`,
    retired: (pid: number) => `${prefix}retired-${pid}`,
  };
}

export type SynthWorkFiles = ReturnType<typeof synthWorkFiles>;
