// One synth at a time per output folder. The lock is a file beside the folder, created
// exclusively (so creating it is the test-and-set) and holding the id of the process that
// holds it and a token of its own. A synth killed with kill -9 leaves its lock behind;
// the next one sees that process is gone and takes the lock over.
//
// Taking over is a race between the synths that saw the same abandoned lock: each moves it
// aside, which only one of them can do; one that finds it moved a live lock instead puts it
// back. Should a third synth lock in that instant, two would hold the lock: each synth
// therefore checks that it still holds the lock right before it publishes.
import * as crypto from 'crypto';
import * as fs from 'fs';
import { isRunning } from '../package';
import { SynthWorkFiles, synthWorkFiles } from './work-files';

const POLL_MS = 50;
/** A lock file still empty after this long was left by a synth killed while creating it. */
const EMPTY_FOR_MS = 2000;

/** Another synth holds the lock: an expected failure, reported without a stack trace. */
export class LockBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockBusy';
  }
}

interface Seen {
  readonly text: string;
  readonly pid: number;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock's contents, or undefined when there is no lock. */
function readLock(file: string): Seen | undefined {
  try {
    const text = fs.readFileSync(file, 'utf-8');
    return { text, pid: Number(text.split('\n')[0]) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** Whether the lock as `seen` was left by a synth that is no longer running. */
function abandoned(file: string, seen: Seen): boolean {
  if (seen.text === '') {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > EMPTY_FOR_MS;
    } catch {
      return false;
    }
  }
  return !isRunning(seen.pid);
}

/** Removes the lock as `seen`, unless another synth has replaced it since. */
function breakAbandoned(work: SynthWorkFiles, seen: Seen): void {
  const claimed = work.claimedLock(process.pid);
  try {
    fs.renameSync(work.lock, claimed);
  } catch {
    return; // another synth took it over first
  }
  try {
    if (fs.readFileSync(claimed, 'utf-8') !== seen.text) {
      fs.linkSync(claimed, work.lock);
    }
  } catch {
    // Removed by the synth now holding the lock, or a third synth locked in between:
    // the owner of the lock moved aside finds out before it publishes.
  } finally {
    fs.rmSync(claimed, { force: true });
  }
}

/** Creates the lock, or returns false when it exists. */
function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
  try {
    fs.writeSync(fd, text);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** A held lock on an output folder. */
export interface OutputLock {
  /** Throws unless this process still holds the lock. */
  verify(): void;
  /** Removes the lock if this process still holds it. */
  release(): void;
}

/** Options of {@link lockOutput}. */
export interface LockOptions {
  /** The folder as the user gave it, for messages. */
  readonly shown: string;
  /** How long to wait for another synth that holds the lock. */
  readonly waitSeconds: number;
  /** Called once, when the wait begins, with the holder's process id (0 while it starts). */
  readonly onWait: (pid: number) => void;
}

/** Locks `outdir` (absolute) against other synths, waiting up to `waitSeconds` for one that holds it. */
export function lockOutput(outdir: string, { shown, waitSeconds, onWait }: LockOptions): OutputLock {
  const work = synthWorkFiles(outdir);
  const text = `${process.pid}\n${crypto.randomUUID()}\n`;
  const deadline = Date.now() + waitSeconds * 1000;
  let waiting = false;
  while (!tryCreate(work.lock, text)) {
    const seen = readLock(work.lock);
    if (seen === undefined) {
      continue;
    }
    if (abandoned(work.lock, seen)) {
      breakAbandoned(work, seen);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockBusy(
        `another synth into ${shown} is running (process ${seen.pid || 'starting'}); ` +
          `${waiting ? `still running after ${waitSeconds} s` : 'not waiting'}. ` +
          `Wait longer with --wait <seconds>; if no synth is running, delete ${work.lock}`,
      );
    }
    if (!waiting) {
      waiting = true;
      onWait(seen.pid);
    }
    sleep(POLL_MS);
  }
  return {
    verify() {
      if (readLock(work.lock)?.text !== text) {
        throw new LockBusy(`another synth took over the lock on ${shown}; this one published nothing`);
      }
    },
    release() {
      if (readLock(work.lock)?.text === text) {
        fs.rmSync(work.lock, { force: true });
      }
    },
  };
}
