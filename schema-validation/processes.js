'use strict';
// Whether the process that left a lock or a work file behind is still running: the
// difference between another synth at work and the leftovers of a killed one.
const fs = require('fs');

/**
 * True when process `pid` exists and has not exited. A process killed but not yet reaped
 * by its parent (a zombie, common in containers whose first process reaps nothing) still
 * answers signal 0, so on Linux its state is read from /proc as well.
 *
 * @param {number} pid
 * @returns {boolean}
 */
function isRunning(pid) {
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    return false;
  }
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf-8');
    // "pid (command) state ...": the command may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    // No /proc/<pid> where /proc exists: it has exited since; no /proc at all: not Linux.
    return !(/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT' && fs.existsSync('/proc/self/stat'));
  }
}

module.exports = { isRunning };
