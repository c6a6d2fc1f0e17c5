import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, tempDir } from './support';

describe('npm run import', () => {
  // Made in beforeAll, not while jest collects the tests: see app-config.test.ts.
  let outdir: string;
  let status: number | null = null;
  beforeAll(() => {
    outdir = tempDir('import');
    status = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'import.js'), '--outdir', outdir], {
      cwd: ROOT,
      encoding: 'utf-8',
    }).status;
  });

  test.each([
    ['k8s.ts', 'the vendored Kubernetes 1.27.0 definitions'],
    ['gateway.networking.k8s.io.ts', 'the vendored Gateway API v1.1.1 CRDs'],
  ])('regenerates imports/%s byte for byte, offline, from %s', (module) => {
    expect(status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, module), 'utf-8')).toBe(
      fs.readFileSync(path.join(ROOT, 'imports', module), 'utf-8'),
    );
  });
});

test('cdk8s.yaml lists the Kubernetes import it was generated from, and nothing else', () => {
  const [config] = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf-8')).map((d) => d.toJSON());
  expect(config.imports).toEqual(['k8s@1.27.0']);
});

test.each([
  ['gateways', 'Gateway'],
  ['httproutes', 'HTTPRoute'],
  ['referencegrants', 'ReferenceGrant'],
])('the vendored %s CRD is the standard channel of Gateway API v1.1.1', (plural, kind) => {
  const file = path.join(ROOT, 'schemas', 'gateway-api', 'v1.1.1', `gateway.networking.k8s.io_${plural}.yaml`);
  const [crd] = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJSON());
  expect(crd.spec.names.kind).toBe(kind);
  expect(crd.metadata.annotations).toMatchObject({
    'gateway.networking.k8s.io/bundle-version': 'v1.1.1',
    'gateway.networking.k8s.io/channel': 'standard',
  });
});
