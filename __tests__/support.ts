import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(__dirname, '..');
export const TUTORIAL_FIXTURES = path.join(__dirname, 'fixtures', 'tutorial');

/** The tutorial's manifest files, in the order it applies them. */
export const TUTORIAL_FILES = [
  'namespace.yaml',
  'app.yaml',
  'clusterip.yaml',
  'nodeport.yaml',
  'loadbalancer.yaml',
  'headless.yaml',
  'externalname.yaml',
];

/** Every YAML document of a file, as data. */
export function readYaml(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJSON());
}

/**
 * A fresh app for a test, as `Testing.app()` makes one but without a temporary folder per app:
 * its outdir is one folder per test file, removed after it (cdk8s writes there only on `synth()`).
 */
export function testApp(props: AppProps = {}): App {
  sharedOutdir ??= tempDir('cdk8s-outdir');
  return new App({ outdir: sharedOutdir, ...props });
}

let sharedOutdir: string | undefined;

/** A fresh app and chart for rendering one construct. */
export function testChart(props: { namespace?: string } = {}): { app: App; chart: Chart } {
  const app = testApp();
  return { app, chart: new Chart(app, 'test', props) };
}

/** Every message cdk8s validation would report for the app, without synthesizing. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate());
}

/** Asserts there is exactly one error and that it contains every one of `parts`. */
export function expectOneError(errors: readonly string[], parts: readonly string[]): void {
  expect(errors).toHaveLength(1);
  for (const part of parts) {
    expect(errors[0]).toContain(part);
  }
}

/** The one object of `kind` in a synthesized chart. */
export function only(manifests: any[], kind: string): any {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

// git in tests sees only the throwaway repository, not the variables of whatever runs the tests.
export const GIT_FREE_ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));

/** Runs git in `cwd` with a throwaway identity; its trimmed output, or an error naming the command. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, env: GIT_FREE_ENV, encoding: 'utf-8' },
  );
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
  return result.stdout.trim();
}

/** A ported row of a Kubernetes validation table: no error where the API accepts it, some where it rejects it. */
export function expectApiVerdict(errors: readonly string[], accepted: boolean): void {
  if (accepted) {
    expect(errors).toEqual([]);
  } else {
    expect(errors.length).toBeGreaterThan(0);
  }
}

/** The plan's lines for the tutorial's objects left behind when the namespace is renamed. */
export const TUTORIAL_ORPHAN_LINES = [
  '  - orphan Namespace service-types-demo (0000-namespace.yaml): orphaned',
  '  - orphan Deployment service-types-demo/echo-server (0001-app.yaml): orphaned',
  '  - orphan Service service-types-demo/echo-clusterip (0002-clusterip.yaml): orphaned',
  '  - orphan Service service-types-demo/echo-nodeport (0003-nodeport.yaml): orphaned',
  '  - orphan Service service-types-demo/echo-loadbalancer (0004-loadbalancer.yaml): orphaned',
  '  - orphan Service service-types-demo/echo-headless (0005-headless.yaml): orphaned',
  '  - orphan Service service-types-demo/external-api (0006-externalname.yaml): orphaned',
];
