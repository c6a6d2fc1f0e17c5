// `service-types validate`: manifest files checked as synth checks a render, a report per
// file, each finding labelled with its source; one bad file never hides the others.
import * as fs from 'fs';
import * as path from 'path';
import { readYaml, tempDir, TUTORIAL_FIXTURES } from './support';
import { command } from './tooling-support';

const validate = (...args: string[]) => command(['validate', ...args]);
const nodePortService = () => readYaml(path.join(TUTORIAL_FIXTURES, 'nodeport.yaml'))[0];

/** A folder holding `files` (name → contents). */
function folder(files: Record<string, string>): string {
  const dir = tempDir('validate');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('passes the tutorial fixtures with a per-file report', () => {
  const result = validate('__tests__/fixtures/tutorial');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('ok    __tests__/fixtures/tutorial/app.yaml');
  expect(result.stdout).toContain('7 of 7 files valid against Kubernetes 1.27.0');
});

test('without paths, validates the output folder cdk8s.yaml names', () => {
  const result = validate();
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('ok    dist/0000-namespace.yaml');
});

test('fails on a manifest with a violation, naming file, object, field, value, message and source', () => {
  const s = nodePortService();
  s.spec.ports[0].nodePort = '30080';
  const dir = folder({ 'svc.yaml': JSON.stringify(s) });
  const result = validate(dir);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain(`FAIL  ${path.join(dir, 'svc.yaml')}`);
  expect(result.stdout).toContain(
    'Service/echo-nodeport /spec/ports/0/nodePort "30080": must be integer [Kubernetes 1.27.0 schema]',
  );
});

test('a Gateway API object is labelled with its CRD', () => {
  const dir = folder({
    'route.yaml':
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  hostnames: ["Not_A_Host"]\n',
  });
  const result = validate(dir);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(
    /\[Gateway API v1\.1\.1 CRD httproutes\.gateway\.networking\.k8s\.io (schema|CEL rule .*)\]/,
  );
});

test('accepts a custom resource only with --allow-kind, which may be given more than once', () => {
  const dir = folder({ 'w.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' });
  expect(validate(dir).status).toBe(1);
  expect(validate('--allow-kind', 'other.com/v1/Thing', '--allow-kind', 'example.com/*', dir).status).toBe(0);
});

// kubectl apply reads a List's items as objects of their own (resource.Builder flattens
// Lists), so each item is checked like any other object.
test('a kind: List file is accepted, and its items are checked', () => {
  const good = nodePortService();
  const bad = { ...nodePortService(), metadata: { name: 'second' }, spec: { ...good.spec, typo: 1 } };
  const list = { apiVersion: 'v1', kind: 'List', items: [good, bad] };
  const dir = folder({ 'list.yaml': JSON.stringify(list) });
  const result = validate(dir);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('Service/second /spec/typo 1: unknown field');
  expect(result.stdout).not.toContain('Service/echo-nodeport');
  expect(result.stdout).not.toContain('List');
});

describe('a file that cannot be used is reported, and the other files still are', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...'bcdefgh'.split('').map((k, i) => {
      const prev = 'abcdefgh'[i];
      return `${k}: &${k} [${Array(10).fill(`*${prev}`).join(', ')}]`;
    }),
  ].join('\n');
  // [case, the bad file's name and contents, what is said of it]
  const CASES: [string, Record<string, string>, string][] = [
    ['a YAML alias bomb', { 'bomb.yaml': bomb }, 'Excessive alias count'],
    ['an empty file', { 'empty.yaml': '' }, 'holds no objects; kubectl apply refuses it'],
    ['a file of comments only', { 'comments.yaml': '# nothing here\n---\n' }, 'holds no objects'],
    ['invalid YAML', { 'broken.yaml': 'kind: [unclosed\n' }, 'invalid YAML'],
  ];
  test.each(CASES)('%s', (_case, bad, message) => {
    const dir = folder({
      ...bad,
      'good.yaml': fs.readFileSync(path.join(TUTORIAL_FIXTURES, 'nodeport.yaml'), 'utf-8'),
    });
    const result = validate(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(message);
    expect(result.stdout).toMatch(/^ok {4}.*good\.yaml$/m);
    expect(result.stdout).toContain('1 of 2 files valid');
  });

  test('a symbolic link loop is named and skipped', () => {
    const dir = folder({ 'good.yaml': fs.readFileSync(path.join(TUTORIAL_FIXTURES, 'nodeport.yaml'), 'utf-8') });
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const result = validate(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('is a symbolic link back into a folder above it (a loop); skipped');
    expect(result.stdout).toMatch(/^ok {4}.*good\.yaml$/m);
  });
});

test.each<[string[], string]>([
  [['--allow-kinds', 'example.com/*'], "validate: Unknown option '--allow-kinds'"],
  [['--allow-kind'], "validate: Option '--allow-kind <value>' argument missing"],
])('%j is refused with the usage', (args, message) => {
  const result = validate(...args);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain('usage: service-types validate');
  expect(result.stdout).toBe('');
});

test('a folder without manifests is an error', () => {
  const result = validate(folder({ 'notes.txt': 'hello' }));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('no manifests (.yaml, .yml or .json files)');
});
