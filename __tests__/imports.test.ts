import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';

test('npm run import regenerates imports/k8s.ts byte for byte, offline, from the vendored schema', () => {
  const outdir = tempDir('import');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'import-k8s.js'), '--outdir', outdir], {
    cwd: ROOT,
    encoding: 'utf-8',
  });
  expect(result.status).toBe(0);
  expect(fs.readFileSync(path.join(outdir, 'k8s.ts'), 'utf-8')).toBe(
    fs.readFileSync(path.join(ROOT, 'imports', 'k8s.ts'), 'utf-8'),
  );
});

test('cdk8s.yaml lists the import it was generated from', () => {
  expect(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf-8')).toMatch(/^imports:\n {2}- k8s@1\.27\.0$/m);
});
