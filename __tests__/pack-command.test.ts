import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packedManifest } = require('../scripts/pack.js');

// npm 11 lists a `prepare` script of any dependency installed from outside the registry among
// the install scripts to review (arborist install-scripts.js, hasNonRegistryShape), though it
// runs `prepare` only for git and folder dependencies. The git install builds with it; the
// tarball, built already, carries a manifest without it. `npm run test:package` installs both.
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));

test("the tarball's manifest is the project's without the prepare script", () => {
  const { prepare, ...scripts } = manifest.scripts;
  expect(prepare).toBe('node scripts/prepare.js');
  expect(packedManifest(manifest)).toEqual({ ...manifest, scripts });
});

test('a plain npm pack, whose tarball would carry prepare, is refused in favour of npm run tarball', () => {
  // npm pack runs `prepack` first and stops when it fails.
  const [command, ...args] = manifest.scripts.prepack.split(' ');
  const result = spawnSync(command === 'node' ? process.execPath : command, args, { cwd: ROOT, encoding: 'utf-8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('use `npm run tarball` instead');
  expect(manifest.scripts.tarball).toBe('node scripts/pack.js');
});
