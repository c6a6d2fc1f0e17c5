// The record of what a synth wrote into an output folder, so that the next synth replaces
// those files and nothing else. It is kept in the package's cache folder, not beside the
// output, so that a project's folders hold only what its author put there; a copied or
// fresh project has none, and the output guard then goes by the render's own file names.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite, schemaConstants } from '../package';

const RECORDS = path.join(schemaConstants.cacheRoot(), 'outputs');

/** The record's file for the output folder `outdir` (absolute), wherever it is reached from. */
function recordFile(outdir: string): string {
  let real: string;
  try {
    real = fs.realpathSync(outdir);
  } catch {
    real = outdir;
  }
  return path.join(RECORDS, `${crypto.createHash('sha256').update(real).digest('hex').slice(0, 32)}.json`);
}

/** The files the latest synth wrote into `outdir`, relative to it, or undefined without a record. */
export function readWritten(outdir: string): string[] | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(recordFile(outdir), 'utf-8')) as { files?: unknown };
    return Array.isArray(record.files) && record.files.every((f) => typeof f === 'string') ? record.files : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the records of output folders that no longer exist. */
function pruneRecords(): void {
  for (const name of fs.readdirSync(RECORDS).filter((n) => n.endsWith('.json'))) {
    const file = path.join(RECORDS, name);
    try {
      const { outdir } = JSON.parse(fs.readFileSync(file, 'utf-8')) as { outdir?: unknown };
      if (typeof outdir !== 'string' || !fs.existsSync(outdir)) {
        fs.rmSync(file, { force: true });
      }
    } catch {
      fs.rmSync(file, { force: true });
    }
  }
}

/**
 * Records that `files` (relative) are what a synth wrote into `outdir`, and, when it starts
 * a record for a folder, forgets the folders that are gone: so there are never more records
 * than folders synth has written into since the last one started. Returns a warning on failure.
 */
export function recordWritten(outdir: string, files: readonly string[]): string | undefined {
  try {
    const file = recordFile(outdir);
    const started = !fs.existsSync(file);
    const record = { outdir: fs.realpathSync(outdir), files: [...files].sort() };
    atomicWrite.writeFileAtomic(file, `${JSON.stringify(record)}\n`);
    if (started) {
      pruneRecords();
    }
    return undefined;
  } catch (error) {
    return `could not record which files synth wrote (${(error as Error).message}); the next synth goes by their names`;
  }
}
