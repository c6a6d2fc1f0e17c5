import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { readYaml, ROOT, tempDir } from './support';

// The library as a chart author gets it without a registry. It is installed into two copies
// of examples/consumer (a separate cdk8s project), one per route:
// - `tarball`: packed with `npm pack` and installed from the .tgz file;
// - `git`: installed from a `git+file://` URL. The repository is a throwaway one holding the
//   working tree's files (tracked and untracked, not ignored), so the working tree is tested
//   rather than the last commit; npm clones it, installs its devDependencies and builds it
//   with the `prepare` script.
// The git route installs with --strict-allow-scripts, the consumer's package.json carrying
// the allowScripts entry the README documents: this also proves that the package's own
// allowScripts covers its devDependencies, which npm installs under the same policy to
// build a git dependency.
// Each copy is type-checked and synthesized with `cdk8s synth`, which runs the schema
// validation plugin the package ships, declared in examples/consumer/cdk8s.yaml.

export const ROUTES = ['tarball', 'git'] as const;
export type Route = (typeof ROUTES)[number];

const work = tempDir('consumer');
const consumers = { tarball: path.join(work, 'tarball'), git: path.join(work, 'git') } as Record<Route, string>;
const installed = (route: Route, ...parts: string[]) =>
  path.join(consumers[route], 'node_modules', 'service-types', ...parts);

/** Runs a command to completion and returns its standard output; rejects with all its output when it fails. */
function run(cwd: string, command: string, args: string[]): Promise<string> {
  return runBoth(cwd, command, args).then(({ stdout }) => stdout);
}

/** Runs a command to completion; its standard output, and all its output; rejects with all its output when it fails. */
function runBoth(cwd: string, command: string, args: string[]): Promise<{ stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      output += d;
    });
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ stdout, output })
        : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${output}`)),
    );
  });
}

const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline'];

/** A copy of examples/consumer, without anything a local install or build left there. */
function copyConsumer(dir: string, allowScripts: Record<string, boolean> = {}): void {
  const source = path.join(ROOT, 'examples', 'consumer');
  const skipped = ['node_modules', 'build', 'dist', 'package-lock.json'].map((f) => path.join(source, f));
  fs.cpSync(source, dir, { recursive: true, filter: (f) => !skipped.includes(f) });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
  manifest.allowScripts = { ...manifest.allowScripts, ...allowScripts };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/** A git repository in `dir` with one commit holding the working tree's files. */
function snapshotRepository(dir: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf-8',
  })
    .split('\0')
    .filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f))); // not deleted in the working tree
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=package test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, stdio: 'pipe' },
    );
  git('init', '-q');
  git('add', '--all', '--force'); // files such as imports/k8s.ts are tracked despite .gitignore
  git('commit', '-q', '--no-verify', '-m', 'working tree');
}

let tarballInstallOutput: string;

async function installFromTarball(): Promise<{ files: string[] }> {
  const [info] = JSON.parse(
    await run(ROOT, 'npm', ['run', '--silent', 'tarball', '--', '--json', '--pack-destination', work]),
  );
  copyConsumer(consumers.tarball);
  // Not --strict-allow-scripts: cdk8s-plus-27 (a peer) depends on backport, whose postinstall
  // npm lists for review; an allowScripts entry matches a tarball only by its absolute path.
  const { output } = await runBoth(consumers.tarball, 'npm', [...NPM_INSTALL, path.join(work, info.filename)]);
  tarballInstallOutput = output;
  return { files: info.files.map((f: { path: string }) => f.path) };
}

async function installFromGit(): Promise<void> {
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo);
  snapshotRepository(repo);
  const url = `git+file://${repo}`;
  copyConsumer(consumers.git, { [url]: true });
  await run(consumers.git, 'npm', [...NPM_INSTALL, '--strict-allow-scripts', url]);
}

let packed: string[];

beforeAll(async () => {
  // Both routes at once: each mostly waits on npm and the file system.
  const [tarball, git] = await Promise.allSettled([installFromTarball(), installFromGit()]);
  for (const result of [tarball, git]) {
    if (result.status === 'rejected') {
      throw result.reason;
    }
  }
  packed = (tarball as PromiseFulfilledResult<{ files: string[] }>).value.files;
});

/** Every file of the installed package, relative to it, sorted. */
function installedFiles(route: Route): string[] {
  const root = installed(route);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

const cdk8s = (route: Route, ...args: string[]) =>
  spawnSync('npx', ['--no', 'cdk8s', 'synth', '--check-upgrade=false', ...args], {
    cwd: consumers[route],
    encoding: 'utf-8',
  });

/** The YAML files of a folder, sorted (cdk8s also writes construct-metadata.json there). */
const yamlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));

interface Synth {
  /** What `cdk8s synth` printed, including the validation report. */
  output: string;
  /** The manifest files it wrote. */
  manifests: string[];
  /** Every object of those files. */
  objects: any[];
}

const synths = new Map<Route, Synth>();

/** Compiles the consumer installed by `route` and runs `cdk8s synth` there, once. */
function synth(route: Route): Synth {
  let result = synths.get(route);
  if (result === undefined) {
    const consumer = consumers[route];
    const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: consumer, encoding: 'utf-8' });
    if (compiled.status !== 0) {
      throw new Error(`tsc failed in the ${route} consumer:\n${compiled.stdout}${compiled.stderr}`);
    }
    const synthesized = cdk8s(route);
    const output = `${synthesized.stdout}${synthesized.stderr}`;
    if (synthesized.status !== 0) {
      throw new Error(`cdk8s synth failed in the ${route} consumer:\n${output}`);
    }
    const manifests = yamlFiles(path.join(consumer, 'dist'));
    const objects = manifests.flatMap((f) => readYaml(f));
    result = { output, manifests, objects };
    synths.set(route, result);
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// What examples/consumer/main.ts renders, for assertions about the library's output.
//
// `renderedObjects(route)` is every object `cdk8s synth` rendered into the consumer's dist/
// (parsed YAML documents, in file order) for the copy installed by `route`; add assertions
// for both routes with, for example:
//
//   test.each(ROUTES)('%s: the consumer renders ...', (route) => {
//     expect(renderedObjects(route)).toEqual(expect.arrayContaining([...]));
//   });
// ---------------------------------------------------------------------------------------
export function renderedObjects(route: Route): any[] {
  return synth(route).objects;
}

describe('the packed tarball', () => {
  test('holds compiled JavaScript with declarations, the schema validation with the Gateway API CRDs, README and LICENSE', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'README.md',
        'LICENSE',
        'package.json',
        'build/lib/index.js',
        'bin/service-types.js',
        'build/cli/main.js',
        'cli/app-host.js',
        'build/lib/index.d.ts',
        'build/imports/k8s.js',
        'schema-validation/index.js',
        'schema-validation/index.d.ts',
        'schema-validation/custom-resources.js',
        'schema-validation/custom-resources.d.ts',
        'build/imports/gateway.networking.k8s.io.js',
        'schemas/README.md',
        'schemas/k8s/v1.27.0/_definitions.json',
        'schemas/gateway-api/v1.1.1/gateway.networking.k8s.io_httproutes.yaml',
        'schemas/gateway-api/v1.1.1/LICENSE',
      ]),
    );
  });

  test('holds no TypeScript sources, tests, fixtures, scripts or rendered manifests', () => {
    expect(
      packed.filter((f) => /(^|\/)(__tests__|fixtures|dist|examples|scripts|bench|node_modules)\//.test(f)),
    ).toEqual([]);
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });
});

test('the git install builds the package and holds the same files, with the same contents, as the tarball', () => {
  const files = installedFiles('tarball');
  expect(installedFiles('git')).toEqual(files);
  expect(files).toContain('build/lib/index.js');
  const differing = files.filter(
    (f) => !fs.readFileSync(installed('tarball', f)).equals(fs.readFileSync(installed('git', f))),
  );
  expect(differing).toEqual(['package.json']);
  // The manifests differ by the `prepare` script only, which the git install builds with.
  const manifest = (route: Route) => JSON.parse(fs.readFileSync(installed(route, 'package.json'), 'utf-8'));
  const { prepare, ...otherScripts } = manifest('git').scripts;
  expect(prepare).toBe('node scripts/prepare.js');
  expect(manifest('tarball')).toEqual({ ...manifest('git'), scripts: otherScripts });
});

test('installing the tarball lists no install script of the package for review', () => {
  // npm 11 lists the `prepare` script of a dependency from outside the registry, a tarball
  // included, among the install scripts not covered by allowScripts (arborist
  // install-scripts.js), though it runs it only for git and folder dependencies.
  expect(tarballInstallOutput).not.toMatch(/install-scripts\s+service-types@/);
});

describe.each(ROUTES)('installed from the %s', (route) => {
  test('declarations carry the doc comments', () => {
    const declarations = installedFiles(route).filter((f) => f.startsWith('build/lib/') && f.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(0);
    expect(declarations.some((f) => fs.readFileSync(installed(route, f), 'utf-8').includes('@default'))).toBe(true);
  });

  test('cdk8s, cdk8s-plus-27 and constructs are peers, so the consumer has one copy of each', () => {
    const manifest = JSON.parse(fs.readFileSync(installed(route, 'package.json'), 'utf-8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
    for (const peer of Object.keys(manifest.peerDependencies)) {
      expect(fs.existsSync(installed(route, 'node_modules', peer))).toBe(false);
    }
  });

  test('what the shipped JavaScript requires is a peer or an exactly pinned dependency', () => {
    const manifest = JSON.parse(fs.readFileSync(installed(route, 'package.json'), 'utf-8'));
    // esbuild compiles a TypeScript app for the service-types command.
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@bufbuild/cel',
      '@bufbuild/protobuf',
      'ajv',
      'esbuild',
      'yaml',
    ]);
    for (const version of Object.values(manifest.dependencies)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    const declared = new Set([
      manifest.name, // itself, through its exports (index.js names its subpath in a comment)
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]);
    const required = new Set<string>();
    for (const file of installedFiles(route).filter((f) => f.endsWith('.js'))) {
      for (const [, specifier] of fs
        .readFileSync(installed(route, file), 'utf-8')
        .matchAll(/require\(['"]([^'"]+)['"]\)/g)) {
        if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) {
          required.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        }
      }
    }
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...required].filter((r) => !builtins.has(r) && !declared.has(r))).toEqual([]);
    expect(required).toContain('ajv');
  });

  test('the schema validation API is the package subpath service-types/schema-validation', () => {
    const script = [
      "const api = require('service-types/schema-validation');",
      'const validator = new api.SchemaValidator();',
      "const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };",
      'let internal;',
      "try { require('service-types/schema-validation/validator'); } catch (e) { internal = e.code; }",
      'console.log(JSON.stringify({',
      '  exports: Object.keys(api).sort(),',
      '  valid: validator.validate(configMap),',
      '  invalid: validator.validate({ ...configMap, dataa: {} }),',
      '  internal,',
      '}));',
    ].join('\n');
    const result = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: consumers[route], encoding: 'utf-8' }),
    );
    expect(result).toEqual({
      exports: [
        'KubernetesSchemaValidation',
        'SCHEMA_CACHE',
        'SchemaValidator',
        'constructPathOf',
        'customResourceSource',
        'findManifests',
        'kubernetesSchemaSource',
        'libraryRuleSource',
        'manifestSource',
        'readConstructMetadata',
        'validateFile',
      ],
      valid: [],
      invalid: [
        { path: '/dataa', message: 'unknown field', source: expect.objectContaining({ kind: 'kubernetes-schema' }) },
      ],
      internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  test('cdk8s synth runs the shipped schema validation plugin, which caches in the project node_modules', () => {
    const { output, manifests, objects } = synth(route);
    expect(objects.length).toBeGreaterThan(0);
    const plugin = path.join(consumers[route], 'node_modules', 'service-types', 'schema-validation');
    expect(output).toContain(`Validation Report (${plugin}@`);
    expect(output).toMatch(/Status\s+│ success/);
    expect(output).toMatch(/kubernetes\s+│ 1\.27\.0/);
    expect(output).toMatch(new RegExp(`manifests\\s+│ ${manifests.length}\\b`));
    expect(
      fs.readdirSync(path.join(consumers[route], 'node_modules', '.cache', 'service-types', 'schema')),
    ).not.toEqual([]);
    expect(fs.existsSync(installed(route, 'node_modules'))).toBe(false);
  });

  test('cdk8s synth fails on a manifest the Kubernetes API would reject', () => {
    fs.writeFileSync(
      path.join(consumers[route], 'bad-app.js'),
      [
        "const { ApiObject, App, Chart } = require('cdk8s');",
        'const app = new App();',
        "new ApiObject(new Chart(app, 'bad'), 'settings', {",
        "  apiVersion: 'v1',",
        "  kind: 'ConfigMap',",
        "  metadata: { name: 'settings' },",
        "  dataa: { greeting: 'hello' },",
        '});',
        'app.synth();',
        '',
      ].join('\n'),
    );
    const result = cdk8s(route, '--app', 'node bad-app.js', '--output', 'bad-dist');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/Status\s+│ failure/);
    expect(result.stdout).toContain('/dataa: unknown field');
    expect(result.stdout).toContain('Resource Name: settings');
  });
});

test('the schema validation declarations type-check in a strict consumer, with and without package exports', () => {
  const consumer = consumers.tarball;
  fs.writeFileSync(
    path.join(consumer, 'validation-api.ts'),
    [
      'import {',
      '  FileViolation,',
      '  findManifests,',
      '  KubernetesSchemaValidation,',
      '  SCHEMA_CACHE,',
      '  SchemaValidator,',
      '  validateFile,',
      '  Violation,',
      "} from 'service-types/schema-validation';",
      '',
      "const validator = new SchemaValidator({ allowedKinds: ['example.com/*'], cacheDir: SCHEMA_CACHE });",
      "const violations: Violation[] = validator.validate({ apiVersion: 'v1', kind: 'ConfigMap' });",
      "const manifests: string[] = findManifests(['dist']);",
      'const found: FileViolation[] = manifests.flatMap((f) => validateFile(validator, f));',
      "const plugin = new KubernetesSchemaValidation({ allowedKinds: ['example.com/v1/Widget'] });",
      'const done: Promise<void> = plugin.validate({',
      '  manifests,',
      '  report: { addViolation: (v) => console.log(v.ruleName), submit: (status) => console.log(status) },',
      '});',
      'console.log(violations, found, done, validator.kubernetesVersion);',
      '// @ts-expect-error allowedKinds is a list',
      "new SchemaValidator({ allowedKinds: 'example.com/*' });",
      '',
    ].join('\n'),
  );
  const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const resolution of [
    ['--module', 'commonjs', '--moduleResolution', 'node'],
    ['--module', 'node16'],
  ]) {
    const result = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--types', 'node', ...resolution, 'validation-api.ts'],
      { cwd: consumer, encoding: 'utf-8' },
    );
    expect({ resolution, output: result.stdout, status: result.status }).toEqual({ resolution, output: '', status: 0 });
  }
});

test('a type error in the consumer is caught by its compiler', () => {
  const consumer = consumers.tarball;
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

// What a chart author gets from examples/consumer/main.ts: the library's cdk8s conventions,
// seen through both install routes.
// The service-types command as a chart author runs it in their own project: npx finds the
// package's bin, and the TypeScript entry is compiled with esbuild (no ts-node, no tsc first).
describe.each(ROUTES)('npx service-types in the consumer installed from the %s', (route) => {
  const cwd = () => consumers[route];
  const serviceTypes = (...args: string[]) =>
    spawnSync('npx', ['--no', 'service-types', ...args], { cwd: cwd(), encoding: 'utf-8' });
  /** Every file of a folder with its contents. */
  const contents = (dir: string) =>
    Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]));
  /** A TypeScript app of the consumer that renders one chart `bad` holding `object`. */
  const appWith = (file: string, object: string) =>
    fs.writeFileSync(
      path.join(cwd(), file),
      [
        "import { ApiObject, App, Chart } from 'cdk8s';",
        'const app = new App();',
        `new ApiObject(new Chart(app, 'bad'), 'settings', ${object});`,
        'app.synth();',
        '',
      ].join('\n'),
    );

  test('synth renders main.ts into its output what cdk8s synth renders, and nothing else', () => {
    synth(route); // cdk8s synth's render into dist/, for comparison
    const result = serviceTypes('synth', '--app', 'main.ts', '--output', 'st-dist');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Synthesized \d+ manifest files into st-dist\/$/m);
    const yaml = Object.fromEntries(
      Object.entries(contents(path.join(cwd(), 'dist'))).filter(([f]) => /\.yaml$/.test(f)),
    );
    expect(contents(path.join(cwd(), 'st-dist'))).toEqual(yaml);
  });

  test('validate checks the render', () => {
    const result = serviceTypes('validate', 'st-dist');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/(\d+) of \1 files valid against Kubernetes 1\.27\.0/);
  });

  test('a planted error leaves the output byte-identical, names the construct path, prints no stack trace', () => {
    const before = contents(path.join(cwd(), 'st-dist'));
    appWith('bad-st.ts', "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, dataa: { a: 'b' } }");
    const result = serviceTypes('synth', '--app', 'bad-st.ts', '--output', 'st-dist');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '  - bad.k8s.yaml ConfigMap/settings (construct bad/settings) /dataa: unknown field [Kubernetes 1.27.0 schema]',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(contents(path.join(cwd(), 'st-dist'))).toEqual(before);
  });

  test('plan calls an invalid raw object the app renders refused', () => {
    appWith(
      'bad-plan.ts',
      "{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30001 }] } }",
    );
    const result = serviceTypes('plan', '--app', 'bad-plan.ts', '--against', 'st-dist', '--json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'create', kind: 'Service', name: 'web', verdict: 'refused' }),
      ]),
    );
  });
});

describe.each(ROUTES)('the consumer installed from the %s renders', (route) => {
  const shop = () => renderedObjects(route).filter((o) => o.metadata.namespace === 'shop');
  const services = () => shop().filter((o) => o.kind === 'Service');

  test('every object of its namespaced chart in the chart namespace, with distinct generated names', () => {
    const tutorialOrShop = renderedObjects(route).filter((o) => o.kind !== 'Namespace');
    expect(tutorialOrShop.every((o) => ['shop', 'shop-tutorial'].includes(o.metadata.namespace))).toBe(true);
    const names = shop().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(services().map((s) => s.metadata.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^shop-internal-[0-9a-f]{8}$/)]),
    );
    expect(
      services()
        .map((s) => s.spec.type ?? 'Headless')
        .sort(),
    ).toEqual(
      [
        'ClusterIP',
        'ClusterIP',
        'ClusterIP',
        'ExternalName',
        'Headless',
        'LoadBalancer',
        'NodePort',
        'NodePort',
      ].sort(),
    );
  });

  test('no pinned node port outside the tutorial', () => {
    expect(services().flatMap((s) => (s.spec.ports ?? []).filter((p: any) => p.nodePort !== undefined))).toEqual([]);
  });

  test('selectors that match the pods of the workload each Service targets', () => {
    const pods = shop()
      .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
      .map((o) => o.spec.template.metadata.labels);
    for (const service of services().filter((s) => s.spec.selector && s.spec.selector.app !== 'legacy')) {
      expect(pods.some((labels) => Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v))).toBe(
        true,
      );
    }
  });

  test('exactly one headless Service, governing the cdk8s-plus StatefulSet', () => {
    const headless = services().filter((s) => s.spec.clusterIP === 'None');
    const statefulSet = shop().find((o) => o.kind === 'StatefulSet');
    expect(headless).toHaveLength(1);
    expect(statefulSet.spec.serviceName).toBe(headless[0].metadata.name);
  });

  test('a Service targeting a workload in another namespace fails synth, naming both namespaces', () => {
    const consumer = consumers[route];
    fs.writeFileSync(
      path.join(consumer, 'cross-namespace.js'),
      [
        "const { App, Chart } = require('cdk8s');",
        "const { ClusterIpService, EchoServer } = require('service-types');",
        'const app = new App();',
        "const chart = new Chart(app, 'team', { namespace: 'team-a' });",
        "const target = new EchoServer(chart, 'echo', { namespace: 'team-b' });",
        "new ClusterIpService(chart, 'svc', { target });",
        'app.synth();',
        '',
      ].join('\n'),
    );
    const result = cdk8s(route, '--app', 'node cross-namespace.js', '--output', 'cross-dist');
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /ClusterIpService 'team\/svc': namespace "team-a" differs from the namespace "team-b" of EchoServer 'team\/echo'/,
    );
  });
});
