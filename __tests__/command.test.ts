// The `service-types` command in a cdk8s project of its own (not this repository): how it
// finds the app, and every kind of bad input, each refused with a clear message, exit 1, no
// stack trace, and nothing in the project changed.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';
import { command } from './tooling-support';

/** A cdk8s project laid out as `cdk8s init typescript-app` makes it, sharing our node_modules. */
function project(files: Record<string, string>): string {
  const dir = tempDir('command-project');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CDK8S_YAML = 'language: typescript\napp: npx ts-node main.ts\n';

/** A TypeScript app: one chart with a ConfigMap, and `extra` code before synth. */
const app = (extra = '', appProps = '') =>
  [
    "import { ApiObject, App, Chart } from 'cdk8s';",
    `const app = new App(${appProps});`,
    "const chart = new Chart(app, 'shop', { namespace: 'shop' });",
    "new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });",
    extra,
    'app.synth();',
    '',
  ].join('\n');

/** Every file of the project but its linked node_modules, with its contents. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        visit(name);
      } else if (entry.isFile()) {
        files[name] = fs.readFileSync(path.join(dir, name), 'utf-8');
      }
    }
  };
  visit('');
  return files;
}

/** Runs the command in `dir` and checks that it failed cleanly: exit 1, the message, no stack trace. */
function fails(dir: string, args: string[], message: string | RegExp, madeByTheApp: string[] = []) {
  const before = snapshot(dir);
  const result = command(args, { project: ROOT, cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const after = snapshot(dir);
  madeByTheApp.forEach((file) => delete after[file]);
  expect(after).toEqual(before);
  return result;
}

describe('finding the app', () => {
  test("reads cdk8s.yaml's app and output, and compiles a ts-node app with esbuild", () => {
    const dir = project({ 'cdk8s.yaml': `${CDK8S_YAML}output: manifests\n`, 'main.ts': app() });
    const result = command(['synth'], { project: ROOT, cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Synthesized 1 manifest file into manifests/\n');
    expect(fs.readdirSync(path.join(dir, 'manifests'))).toEqual(['shop.k8s.yaml']);
  });

  test('--app and --output override cdk8s.yaml; any other app command runs as given', () => {
    const dir = project({
      'cdk8s.yaml': CDK8S_YAML,
      'main.js': app().replace(/^import (.*) from 'cdk8s';/m, "const $1 = require('cdk8s');"),
    });
    const result = command(['synth', '--app', 'node main.js', '--output', 'out'], { project: ROOT, cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['shop.k8s.yaml']);
  });

  test('the construct metadata cdk8s records never lands in the output', () => {
    const dir = project({ 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app() });
    expect(command(['synth'], { project: ROOT, cwd: dir }).status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['shop.k8s.yaml']);
  });

  test('a planted error names its construct path and leaves the output byte-identical', () => {
    const dir = project({ 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app() });
    expect(command(['synth'], { project: ROOT, cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'main.ts'), app().replace("data: { a: 'b' }", "dataa: { a: 'b' }"));
    const result = fails(dir, ['synth'], 'Synthesis failed: 1 schema violation against Kubernetes 1.27.0');
    expect(result.stderr).toContain(
      '  - shop.k8s.yaml ConfigMap/settings (construct shop/settings) /dataa: unknown field [Kubernetes 1.27.0 schema]',
    );
  });
});

describe("the app's thread", () => {
  test("a TypeScript app's process.argv holds cdk8s.yaml's arguments, then those after --; its environment is the command's, with CDK8S_OUTDIR", () => {
    const seen = [
      "new ApiObject(chart, 'seen', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seen' }, data: {",
      '  args: JSON.stringify(process.argv.slice(2)),',
      "  marker: process.env.SERVICE_TYPES_TEST_MARKER ?? 'unset',",
      "  outdir: String(process.env.CDK8S_OUTDIR !== undefined && process.env.CDK8S_OUTDIR !== require('path').resolve('dist')),",
      '} });',
    ].join('\n');
    const dir = project({ 'cdk8s.yaml': 'app: npx ts-node main.ts --from-yaml\n', 'main.ts': app(seen) });
    const result = command(['synth', '--', '--flavour', 'blue'], {
      project: ROOT,
      cwd: dir,
      env: { SERVICE_TYPES_TEST_MARKER: 'from the command' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rendered = fs.readFileSync(path.join(dir, 'dist', 'shop.k8s.yaml'), 'utf-8');
    // A staging folder of the command's, never the output itself: the output changes only on publish.
    expect(rendered).toContain('outdir: "true"');
    expect(rendered).toContain(`args: '["--from-yaml","--flavour","blue"]'`);
    expect(rendered).toContain('marker: from the command');
  });

  test('a TypeScript app is the main module, as under ts-node: `require.main === module` holds', () => {
    const dir = project({
      'cdk8s.yaml': CDK8S_YAML,
      'main.ts': app().replace('app.synth();', 'if (require.main === module) { app.synth(); }'),
    });
    const result = command(['synth'], { project: ROOT, cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['shop.k8s.yaml']);
  });

  test('a project with no cdk8s of its own runs its app command as given', () => {
    // The thread a TypeScript app would run in starts before the command knows the app, and
    // loads the project's cdk8s: a project without one must not notice.
    const dir = tempDir('command-no-cdk8s');
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node main.js\n');
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      [
        "const fs = require('fs');",
        'fs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });',
        "fs.writeFileSync(process.env.CDK8S_OUTDIR + '/shop.yaml', 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: shop\\n');",
        '',
      ].join('\n'),
    );
    const result = command(['synth'], { project: ROOT, cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['shop.yaml']);
  });
});

describe('bad input: exit 1, a clear message, nothing changed', () => {
  // [case, the project's files, the command line, the message]
  const CASES: [string, Record<string, string>, string[], string | RegExp][] = [
    [
      'no cdk8s.yaml',
      { 'main.ts': app() },
      ['synth'],
      /no cdk8s\.yaml in .*: run service-types in a cdk8s project, or name the app with --app <command>/,
    ],
    ['cdk8s.yaml without an app', { 'cdk8s.yaml': 'language: typescript\n' }, ['synth'], 'cdk8s.yaml names no app'],
    ['cdk8s.yaml that is no map', { 'cdk8s.yaml': '- app\n' }, ['synth'], 'cdk8s.yaml must be a map of settings'],
    [
      'an app that throws',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': "throw new Error('the database is down');\n" },
      ['synth'],
      'Synthesis failed: the database is down',
    ],
    [
      'an app command that fails',
      { 'cdk8s.yaml': 'app: node -e "process.exit(3)"\n' },
      ['synth'],
      'Synthesis failed: the app exited with code 3',
    ],
    [
      'an app that does not compile',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': 'const = ;\n' },
      ['synth'],
      /Synthesis failed: the app could not be compiled\n {2}- .*main\.ts:1:/,
    ],
    [
      'an app that prints to standard output',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app("console.log('hello');") },
      ['synth'],
      'the app printed to standard output (hello)',
    ],
    [
      'an app with its own outdir',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app('', "{ outdir: 'elsewhere' }") },
      ['synth'],
      'the app writes its manifests to elsewhere, not to the folder service-types renders into',
    ],
    [
      'an app that writes more than YAML',
      {
        'cdk8s.yaml': CDK8S_YAML,
        'main.ts': app(
          "require('fs').mkdirSync(process.env.CDK8S_OUTDIR!, { recursive: true }); require('fs').writeFileSync(process.env.CDK8S_OUTDIR + '/notes.txt', 'x');",
        ),
      },
      ['synth'],
      'the app wrote notes.txt besides its manifests',
    ],
    ['an app that renders nothing', { 'cdk8s.yaml': 'app: node -e ""\n' }, ['synth'], 'the app rendered no manifests'],
    ['an unknown command', { 'cdk8s.yaml': CDK8S_YAML }, ['deploy'], 'service-types: unknown command "deploy"'],
    ['an unknown option', { 'cdk8s.yaml': CDK8S_YAML }, ['synth', '--force'], "synth: Unknown option '--force'"],
    [
      'a stray argument',
      { 'cdk8s.yaml': CDK8S_YAML },
      ['synth', 'prod'],
      'synth: unexpected argument "prod"; app arguments go after --',
    ],
    [
      'a plan --against that does not exist',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app() },
      ['plan', '--against', 'old'],
      'plan: --against old: there is no such folder',
    ],
    [
      'a plan --against a folder of other files',
      { 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app(), 'old/README.md': 'x' },
      ['plan', '--against', 'old'],
      'plan: --against old holds more than manifests',
    ],
  ];
  test.each(CASES)('%s', (_case, files, args, message) => {
    fails(project(files), args, message);
  });

  // What the app itself wrote cannot be taken back; the synth says so and publishes nothing.
  test('an app that writes a file beside the project', () => {
    const dir = project({ 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app("require('fs').writeFileSync('notes.txt', 'x');") });
    fails(dir, ['synth'], 'the app wrote outside its output folder: notes.txt (new)', ['notes.txt']);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('the lock of a synth still running is named, without advice to look at a stack trace', () => {
    const dir = project({ 'cdk8s.yaml': CDK8S_YAML, 'main.ts': app() });
    fs.writeFileSync(path.join(dir, '.dist.synth-lock'), `${process.pid}\nheld by the test\n`);
    const result = fails(dir, ['synth', '--wait', '0'], `another synth into dist is running (process ${process.pid})`);
    expect(result.stderr).not.toContain('SERVICE_TYPES_DEBUG');
  });
});

test('plan reports an invalid raw object the app renders as refused, whoever built it', () => {
  const dir = project({
    'cdk8s.yaml': CDK8S_YAML,
    'main.ts': app(
      "new ApiObject(chart, 'web', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30001 }] } });",
    ),
    'previous/.keep': '',
  });
  const result = command(['plan', '--against', 'previous'], { project: ROOT, cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/\+ create Service shop\/web \(shop\.k8s\.yaml\): refused/);
});

describe("the library's rules, on objects it did not build", () => {
  const rawService = (spec: string) =>
    app(
      `new ApiObject(chart, 'web', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: ${spec} });`,
    );

  // ValidateService: a nodePort on a ClusterIP Service is refused ("may not be used when `type` is 'ClusterIP'").
  test('synth refuses a raw Service the API server refuses, naming the rule id', () => {
    const dir = project({
      'cdk8s.yaml': CDK8S_YAML,
      'main.ts': rawService("{ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30001 }] }"),
    });
    const result = fails(dir, ['synth'], /Synthesis failed: 1 error in the rendered objects/);
    expect(result.stderr).toMatch(
      /Service\/web \(construct shop\/web\) spec\.ports\[0\]\.nodePort 30001: .*\[[a-z-]+\/[a-z-]+\]/,
    );
  });

  // The default --service-node-port-range is 30000-32767; a cluster may be given another.
  test('--node-port-range names the cluster range the node ports are checked against', () => {
    const dir = project({
      'cdk8s.yaml': CDK8S_YAML,
      'main.ts': rawService("{ type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }"),
    });
    fails(dir, ['synth'], 'is outside the node port range 30000-32767');
    expect(command(['synth', '--node-port-range', '30000-40000'], { project: ROOT, cwd: dir }).status).toBe(0);
    fails(
      dir,
      ['synth', '--node-port-range', 'wide'],
      '--node-port-range "wide" must be a port range such as 30000-32767',
    );
  });

  // kube-system and its kind belong to the control plane: the API server accepts objects there.
  test('an object in a namespace the control plane owns is a warning, and fails with --strict', () => {
    const dir = project({
      'cdk8s.yaml': CDK8S_YAML,
      'main.ts': rawService("{ ports: [{ port: 80 }], selector: { app: 'web' } }").replace(
        "namespace: 'shop'",
        "namespace: 'kube-system'",
      ),
    });
    const result = command(['synth'], { project: ROOT, cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^Warning: .*Service\/web .*"kube-system".*\[namespace\/system\]$/m);
    fails(dir, ['synth', '--strict'], 'Synthesis failed: 1 strict-mode warning');
  });
});

test('--help of each command prints its usage and exits 0', () => {
  for (const name of ['synth', 'validate', 'plan']) {
    const result = command([name, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`usage: service-types ${name}`);
  }
  expect(command(['--help']).stdout).toContain('usage: service-types <command>');
});
