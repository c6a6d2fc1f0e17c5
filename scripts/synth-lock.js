'use strict';
// One synth at a time per output folder. The lock is a file beside the folder, created
// exclusively (so creating it is the test-and-set) and holding the id of the process that
// holds it and a token of its own. A synth killed with kill -9 leaves its lock behind;
// the next one sees that process is gone and takes the lock over.
//
// Taking over is a race between the synths that saw the same abandoned lock: each moves it
// aside, which only one of them can do; one that finds it moved a live lock instead puts it
// back. Should a third synth lock in that instant, two would hold the lock: each synth
// therefore checks that it still holds the lock right before it publishes.
const crypto = require('crypto');
const fs = require('fs');
const { synthWorkFiles } = require('./constants');
const { isRunning } = require('../schema-validation/processes');

const POLL_MS = 50;
/** A lock file still empty after this long was left by a synth killed while creating it. */
const EMPTY_FOR_MS = 2000;

/** @param {number} ms */
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The lock's contents, or undefined when there is no lock.
 *
 * @param {string} file
 * @returns {{ text: string, pid: number } | undefined}
 */
function readLock(file) {
  try {
    const text = fs.readFileSync(file, 'utf-8');
    return { text, pid: Number(text.split('\n')[0]) };
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Whether the lock as `seen` was left by a synth that is no longer running.
 *
 * @param {string} file
 * @param {{ text: string, pid: number }} seen
 */
function abandoned(file, seen) {
  if (seen.text === '') {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > EMPTY_FOR_MS;
    } catch {
      return false;
    }
  }
  return !isRunning(seen.pid);
}

/**
 * Removes the lock as `seen`, unless another synth has replaced it since.
 *
 * @param {ReturnType<typeof synthWorkFiles>} work
 * @param {{ text: string }} seen
 */
function breakAbandoned(work, seen) {
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

/**
 * Creates the lock, or returns false when it exists.
 *
 * @param {string} file
 * @param {string} text
 */
function tryCreate(file, text) {
  let fd;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EEXIST') {
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

/**
 * Locks `outdir` against other synths, waiting up to `waitSeconds` for one that holds it.
 *
 * @param {string} outdir absolute path
 * @param {object} options
 * @param {string} options.shown the folder as the user gave it, for messages
 * @param {number} options.waitSeconds
 * @param {(pid: number) => void} options.onWait called once, when the wait begins
 */
function lockOutput(outdir, { shown, waitSeconds, onWait }) {
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
      throw new Error(
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
    /** Throws unless this process still holds the lock. */
    verify() {
      if (readLock(work.lock)?.text !== text) {
        throw new Error(`another synth took over the lock on ${shown}; this one published nothing`);
      }
    },
    /** Removes the lock if this process still holds it. */
    release() {
      if (readLock(work.lock)?.text === text) {
        fs.rmSync(work.lock, { force: true });
      }
    },
  };
}

module.exports = { lockOutput };
