// The command lines of the tooling, parsed by util.parseArgs: a mistyped option is an
// error naming it, with the usage, before the command does anything.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from './support';

function run(script: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf-8' });
}

// [command, arguments, the message]
const MISTAKES: [string, string[], string][] = [
  ['import.js', ['--out', 'x'], "import: Unknown option '--out'"],
  ['import.js', ['x'], "import: Unexpected argument 'x'"],
  ['bench.js', ['--runs', 'many'], 'bench: --runs "many" must be a whole number of 1 or more'],
  ['bench.js', ['--only', 'lint'], 'bench: --only "lint" must be one of synth, test, scale'],
  ['bench.js', ['--fast'], "bench: Unknown option '--fast'"],
];

test.each(MISTAKES)('%s %j is refused with the usage', (script, args, message) => {
  const result = run(script, ...args);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain(`usage: node scripts/${script}`);
  expect(result.stdout).toBe('');
});
