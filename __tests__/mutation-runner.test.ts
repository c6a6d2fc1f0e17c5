// The jest test runner of mutation runs stops a run in band at the first test file that fails,
// and runs every file when none fails: it may save time, never change what a run finds.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';

/** Runs jest in band with the mutation test runner over `files` (name → source) and returns the files that ran. */
function filesRun(files: Record<string, string>, order: string[]): string[] {
  const dir = tempDir('mutation-runner');
  for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
  // A sequencer that runs the files in the order given, so the test does not depend on jest's.
  fs.writeFileSync(
    path.join(dir, 'sequencer.js'),
    `const Sequencer = require(${JSON.stringify(require.resolve('@jest/test-sequencer'))}).default;
module.exports = class extends Sequencer {
  sort(tests) {
    const order = ${JSON.stringify(order)};
    return [...tests].sort((a, b) => order.indexOf(require('path').basename(a.path)) - order.indexOf(require('path').basename(b.path)));
  }
};`,
  );
  fs.writeFileSync(
    path.join(dir, 'jest.config.js'),
    `module.exports = ${JSON.stringify({
      rootDir: dir,
      testMatch: ['**/*.check.js'],
      runner: path.join(ROOT, 'scripts', 'mutation', 'test-runner.js'),
      testSequencer: path.join(dir, 'sequencer.js'),
      cacheDirectory: path.join(dir, 'cache'),
    })};`,
  );
  const output = path.join(dir, 'results.json');
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--runInBand', '--ci', '--silent', '--json', `--outputFile=${output}`],
    { cwd: dir, encoding: 'utf-8' },
  );
  expect(run.error).toBeUndefined();
  const results = JSON.parse(fs.readFileSync(output, 'utf-8')) as { testResults: { name: string }[] };
  return results.testResults.map((result) => path.basename(result.name));
}

const PASSES = "test('passes', () => expect(1).toBe(1));\n";
const FAILS = "test('fails', () => expect(1).toBe(2));\n";
const THROWS = "throw new Error('does not load');\n";

test.each([
  ['every file when none fails', { 'a.check.js': PASSES, 'b.check.js': PASSES, 'c.check.js': PASSES }, ['a', 'b', 'c']],
  [
    'up to the first file with a failing test',
    { 'a.check.js': PASSES, 'b.check.js': FAILS, 'c.check.js': PASSES },
    ['a', 'b'],
  ],
  [
    'up to the first file that does not load',
    { 'a.check.js': THROWS, 'b.check.js': FAILS, 'c.check.js': PASSES },
    ['a'],
  ],
])('a run in band takes %s', (_, files, ran) => {
  expect(filesRun(files, ['a.check.js', 'b.check.js', 'c.check.js'])).toEqual(ran.map((name) => `${name}.check.js`));
});
