'use strict';
// The cluster test files share one control plane, so they run in a fixed order: the
// manifests users apply first, on a cluster nothing else has touched, then the comparisons of
// the library's verdicts, which create namespaces of their own.
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['tutorial', 'examples', 'operator-edits', 'agreement', 'plan-verdicts', 'cluster-command'];
const rank = (/** @type {string} */ file) => {
  const index = ORDER.findIndex((name) => file.endsWith(`${name}.cluster.ts`));
  return index === -1 ? ORDER.length : index;
};

class ClusterSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = ClusterSequencer;
