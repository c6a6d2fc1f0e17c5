import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readYaml, ROOT, tempDir } from './support';

// Packs the library as npm would publish it, installs the tarball into a separate cdk8s
// project (examples/consumer) and type-checks and synthesizes that project.
const work = tempDir('consumer');
const consumer = path.join(work, 'consumer');
const run = (cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(command, args, { cwd, encoding: 'utf-8', env: { ...process.env, ...env }, stdio: 'pipe' });

let tarball: string;
let packed: string[];

beforeAll(() => {
  const [info] = JSON.parse(run(ROOT, 'npm', ['pack', '--json', '--pack-destination', work]));
  tarball = path.join(work, info.filename);
  packed = info.files.map((f: { path: string }) => f.path);
  fs.cpSync(path.join(ROOT, 'examples', 'consumer'), consumer, { recursive: true });
  run(consumer, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
});

test('the tarball holds compiled JavaScript with declarations, README and LICENSE', () => {
  expect(packed).toEqual(
    expect.arrayContaining([
      'README.md',
      'LICENSE',
      'package.json',
      'build/lib/index.js',
      'build/lib/index.d.ts',
      'build/imports/k8s.js',
    ]),
  );
});

test('the tarball holds no TypeScript sources, tests, fixtures or rendered manifests', () => {
  expect(packed.filter((f) => /(^|\/)(__tests__|fixtures|dist|examples|scripts|schemas)\//.test(f))).toEqual([]);
  expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
});

test('declarations carry the doc comments', () => {
  const dts = fs.readFileSync(
    path.join(consumer, 'node_modules', 'service-types', 'build', 'lib', 'services', 'node-port-service.d.ts'),
    'utf-8',
  );
  expect(dts).toContain('@default 30080');
});

test('cdk8s, cdk8s-plus-27 and constructs are peers, so the consumer has one copy of each', () => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(consumer, 'node_modules', 'service-types', 'package.json'), 'utf-8'),
  );
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
  expect(manifest.dependencies).toBeUndefined();
  expect(fs.existsSync(path.join(consumer, 'node_modules', 'service-types', 'node_modules'))).toBe(false);
});

test('the consumer type-checks in strict mode and synthesizes every construct', () => {
  run(consumer, process.execPath, [path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  const outdir = path.join(work, 'out');
  run(consumer, process.execPath, ['build/main.js'], { CDK8S_OUTDIR: outdir });
  const objects = fs.readdirSync(outdir).flatMap((f) => readYaml(path.join(outdir, f)));
  const names = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  expect(names).toEqual(
    expect.arrayContaining([
      'Namespace//shop',
      'Deployment/shop/web',
      'Service/shop/web',
      'Service/shop/web-dev',
      'Service/shop/web-public',
      'Service/shop/web-peers',
      'Service/shop/payments',
      'Service/shop/worker',
      'Service/shop/legacy',
      'Namespace//shop-tutorial',
      'Deployment/shop-tutorial/echo-server',
      'Service/shop-tutorial/external-api',
    ]),
  );
  const devService = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'web-dev');
  expect(devService.spec).toMatchObject({
    type: 'NodePort',
    selector: { app: 'echo-server' },
    ports: [{ nodePort: 31500, targetPort: 'http' }],
  });
});

test('a type error in the consumer is caught by its compiler', () => {
  fs.writeFileSync(
    path.join(consumer, 'wrong.ts'),
    "import { HeadlessService, EchoServer } from 'service-types';\nimport { Chart, App } from 'cdk8s';\nconst c = new Chart(new App(), 'c');\nnew HeadlessService(c, 'h', { target: new EchoServer(c, 'e'), nodePort: 30001 });\n",
  );
  const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', 'wrong.ts'], {
    cwd: consumer,
    encoding: 'utf-8',
  });
  expect(result.status).not.toBe(0);
  expect(result.stdout).toMatch(/wrong\.ts.*'nodePort' does not exist/);
});
