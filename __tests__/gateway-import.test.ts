import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, tempDir } from './support';

const MODULE = 'gateway.networking.k8s.io.ts';
const CRD_DIR = path.join(ROOT, 'schemas', 'gateway-api', 'v1.1.1');

test('import:gateway regenerates the Gateway API module byte for byte, offline, from the vendored CRDs', () => {
  const outdir = tempDir('import-gateway');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'import-gateway.js'), '--outdir', outdir], {
    cwd: ROOT,
    encoding: 'utf-8',
  });
  expect(result.status).toBe(0);
  expect(fs.readFileSync(path.join(outdir, MODULE), 'utf-8')).toBe(
    fs.readFileSync(path.join(ROOT, 'imports', MODULE), 'utf-8'),
  );
});

test.each([
  ['gateways', 'Gateway'],
  ['httproutes', 'HTTPRoute'],
  ['referencegrants', 'ReferenceGrant'],
])('the vendored %s CRD is the standard channel of Gateway API v1.1.1', (plural, kind) => {
  const [crd] = parseAllDocuments(
    fs.readFileSync(path.join(CRD_DIR, `gateway.networking.k8s.io_${plural}.yaml`), 'utf-8'),
  ).map((d) => d.toJSON());
  expect(crd.spec.names.kind).toBe(kind);
  expect(crd.metadata.annotations).toMatchObject({
    'gateway.networking.k8s.io/bundle-version': 'v1.1.1',
    'gateway.networking.k8s.io/channel': 'standard',
  });
});
