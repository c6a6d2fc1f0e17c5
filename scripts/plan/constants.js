'use strict';
// The settings `npm run plan` shares with the rest of the tooling, in one place.

/** The folder `npm run synth` renders into; the plan reads the previous render from it. */
const DEFAULT_OUTPUT = 'dist';

/** How the render is applied; the rules follow what this command does. */
const APPLY_COMMAND = `kubectl apply -f ${DEFAULT_OUTPUT}/`;

/** The git revision whose committed render the plan compares with by default. */
const DEFAULT_REF = 'HEAD';

/** The Kubernetes release whose update validation the rules follow. */
const KUBERNETES_VERSION = '1.27';

module.exports = { APPLY_COMMAND, DEFAULT_OUTPUT, DEFAULT_REF, KUBERNETES_VERSION };
