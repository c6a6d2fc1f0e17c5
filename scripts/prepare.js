#!/usr/bin/env node
'use strict';
// `prepare`: builds the library when npm installs it from a git URL (or a folder), where
// nothing built is checked in. Skipped where a build would be wasted or done twice:
// `npm ci`/`npm install` inside this repository (synth and tests read the sources), and
// `npm pack`/`npm publish`, whose `prepack` builds.
const { execSync } = require('child_process');
const fs = require('fs');

const command = process.env.npm_command;
const initCwd = process.env.INIT_CWD;
const installingHere =
  (command === 'ci' || command === 'install') &&
  initCwd !== undefined &&
  fs.realpathSync(initCwd) === fs.realpathSync('.');

if (!(installingHere || command === 'pack' || command === 'publish')) {
  execSync('npm run build', { stdio: 'inherit' });
}
