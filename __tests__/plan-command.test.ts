import { spawn, spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { git as gitIn, GIT_FREE_ENV as ENV, ROOT, tempDir, TUTORIAL_ORPHAN_LINES } from './support';

// End-to-end runs of `npm run plan` in a throwaway git repository: a copy of the project
// whose rendered dist/ is committed, as on a clean checkout. The real repository is never
// written to.

// Each run renders the app; a loaded machine can take seconds.
jest.setTimeout(60_000);

const PROJECT = [
  '.gitignore',
  'main.ts',
  'cdk8s.yaml',
  'bin',
  'cli',
  'app',
  'lib',
  'imports',
  'config',
  'scripts',
  'schema-validation',
  'schemas',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

let repo: string;
let tmp: string;

function git(...args: string[]): string {
  return gitIn(repo, ...args);
}

/** The project's files copied into a fresh repository, dependencies linked, nothing rendered yet. */
function copyProject(): string {
  const dir = tempDir('plan-repo');
  for (const entry of PROJECT) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  // Linked one by one: the copy's compile caches stay in its own node_modules/.cache.
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry !== '.cache') {
      fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(dir, 'node_modules', entry));
    }
  }
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the copy, and checks it left nothing in the temporary folder. */
function inRepo(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(command, args, {
    cwd: repo,
    env: { ...ENV, TMPDIR: tmp },
    encoding: 'utf-8',
    ...options,
  });
  expect(fs.readdirSync(tmp)).toEqual([]);
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const plan = (...args: string[]) => inRepo(process.execPath, ['bin/service-types.js', 'plan', ...args]);

/** Writes a previous render: the committed one with `edit` applied to one file. */
function previousRender(file: string, edit: (text: string) => string): string {
  const dir = path.join(tempDir('plan-previous'), 'dist');
  fs.cpSync(path.join(repo, 'dist'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf-8')));
  return dir;
}

beforeAll(() => {
  repo = copyProject();
  tmp = tempDir('plan-tmp');
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'the project, not rendered yet');
  git('tag', 'before-render');
  const synth = inRepo(process.execPath, ['bin/service-types.js', 'synth']);
  expect(synth.stderr).toBe('');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'render');
  // A tag whose render gave the headless Service a cluster IP, off the checked-out branch.
  const headless = path.join(repo, 'dist', '0005-headless.yaml');
  const rendered = fs.readFileSync(headless, 'utf-8');
  fs.writeFileSync(headless, rendered.replace('clusterIP: None', 'clusterIP: 10.96.0.50'));
  git('commit', '--quiet', '-am', 'the headless Service had a cluster IP');
  git('tag', 'headless-had-ip');
  git('reset', '--quiet', '--hard', 'HEAD~1');
});

describe('on a clean checkout', () => {
  test('npm run plan says nothing changed and exits 0', () => {
    const result = inRepo('npm', ['run', '--silent', 'plan']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^No changes: all 7 objects are as in dist\/ at HEAD \([0-9a-f]{12}\)\.$/m);
    expect(result.status).toBe(0);
  });

  test.each([['dist'], ['HEAD:dist'], ['HEAD']])('--against %s says nothing changed and exits 0', (against) => {
    const result = plan('--against', against);
    expect(result.stdout).toContain('No changes: all 7 objects');
    expect(result.status).toBe(0);
  });
});

describe('npm run plan -- -- --set nodePort=30081', () => {
  let result: Run;
  beforeAll(() => {
    result = plan('--', '--set', 'nodePort=30081');
  });

  test('reports the node port change as disruptive, with its diff', () => {
    expect(result.stdout).toContain(
      [
        '  ~ update Service service-types-demo/echo-nodeport (0003-nodeport.yaml): disruptive',
        '      spec.ports[0].nodePort: 30080 → 30081',
        '    disruptive  spec.ports[0].nodePort: node port 30080 → 30081:',
      ].join('\n'),
    );
    expect(result.stdout).toContain('0 to create, 1 to update, 0 orphaned, 6 unchanged; 0 refused');
  });

  test('exits 2', () => {
    expect(result.status).toBe(2);
  });

  test('prints what the README shows', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
    const example = /```\n\$ npm run plan -- -- --set nodePort=30081\n([\s\S]*?)```/.exec(readme);
    const commit = /\(([0-9a-f]{12})\)/;
    expect(example?.[1].replace(commit, '(commit)')).toBe(result.stdout.replace(commit, '(commit)'));
  });
});

describe('--json', () => {
  test('prints the same plan as JSON, with the exit code it exits with', () => {
    const result = plan('--json', '--', '--set', 'nodePort=30081');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      kubernetesVersion: '1.27',
      exitCode: 2,
      summary: { create: 0, update: 1, orphan: 0, unchanged: 6, refused: 0, disruptive: 1 },
      changes: [
        {
          action: 'update',
          kind: 'Service',
          namespace: 'service-types-demo',
          name: 'echo-nodeport',
          file: '0003-nodeport.yaml',
          verdict: 'disruptive',
          diff: [{ path: 'spec.ports[0].nodePort', before: 30080, after: 30081 }],
          findings: [{ verdict: 'disruptive', path: 'spec.ports[0].nodePort' }],
        },
      ],
    });
    expect(report.against).toMatch(/^dist\/ at HEAD/);
    expect(result.status).toBe(2);
  });

  test('reports a failure as JSON too', () => {
    const result = plan('--json', '--against', 'no-such-revision');
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.stringContaining('no-such-revision'),
      problems: [],
      exitCode: 1,
    });
    expect(result.status).toBe(1);
  });
});

describe('against a previous render whose Deployment had another selector', () => {
  let result: Run;
  beforeAll(() => {
    const previous = previousRender('0001-app.yaml', (text) =>
      text.replace(/( +)app: echo-server\n/g, (line, indent) => `${line}${indent}tier: web\n`),
    );
    result = plan('--against', previous);
  });

  test('reports the selector change as refused, with how to roll it out', () => {
    expect(result.stdout).toContain('  ~ update Deployment service-types-demo/echo-server (0001-app.yaml): refused');
    expect(result.stdout).toContain('      spec.selector.matchLabels.tier: "web" → (none)');
    expect(result.stdout).toMatch(/refused {5}spec\.selector: .*a Deployment selector is immutable/);
    expect(result.stdout).toContain(
      'roll out: delete and recreate it: `kubectl delete deployment echo-server -n service-types-demo`',
    );
  });

  test('exits 1', () => {
    expect(result.status).toBe(1);
  });
});

describe('against a git revision whose headless Service had a cluster IP', () => {
  let result: Run;
  beforeAll(() => {
    result = plan('--against', 'headless-had-ip');
  });

  test('reports turning it headless as refused', () => {
    expect(result.stdout).toMatch(/^Plan: a fresh render against dist\/ at headless-had-ip \([0-9a-f]{12}\)/);
    expect(result.stdout).toContain(
      '  ~ update Service service-types-demo/echo-headless (0005-headless.yaml): refused',
    );
    expect(result.stdout).toContain('      spec.clusterIP: "10.96.0.50" → "None"');
    expect(result.stdout).toMatch(/refused {5}spec\.clusterIP: a Service with a cluster IP cannot become headless/);
  });

  test('exits 1', () => {
    expect(result.status).toBe(1);
  });
});

describe('with another namespace', () => {
  let result: Run;
  beforeAll(() => {
    result = plan('--', '--set', 'namespace=shop');
  });

  test('reports every object of the old namespace as orphaned, with how to prune it', () => {
    const orphans = result.stdout.match(/^ {2}- orphan .*$/gm);
    expect(orphans).toEqual(TUTORIAL_ORPHAN_LINES);
    expect(result.stdout).toContain(
      'prune: `kubectl delete namespace service-types-demo` deletes it with everything in it',
    );
  });

  test('refuses the new NodePort Service the node port the orphaned one still holds', () => {
    expect(result.stdout).toContain('  + create Service shop/echo-nodeport (0003-nodeport.yaml): refused');
    expect(result.stdout).toContain(
      'node port 30080 stays allocated to service-types-demo/echo-nodeport, which kubectl apply does not delete',
    );
    expect(result.stdout).toContain(
      '7 to create, 0 to update, 7 orphaned, 0 unchanged; 1 refused, 0 disruptive, 0 unchecked, 6 safe',
    );
    expect(result.status).toBe(1);
  });
});

describe('failures', () => {
  test('a render that fails exits 1 with the reason and leaves dist/ as it was', () => {
    const result = plan('--', '--set', 'replicas=-1');
    expect(result.stderr).toContain('plan: the app could not be rendered, so nothing was compared');
    expect(result.stderr).toContain('setting replicas -1 (from --set) must be an integer of 0 or more');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
    expect(git('status', '--porcelain')).toBe('');
  });

  test('a previous render that cannot be read exits 1 with every problem, after the render is cleaned up', () => {
    const previous = previousRender('0002-clusterip.yaml', (text) => `${text}---\nkind: [\n`);
    fs.writeFileSync(path.join(previous, '0007-copy.yaml'), fs.readFileSync(path.join(previous, '0001-app.yaml')));
    const result = plan('--against', previous);
    expect(result.stderr).toMatch(
      /^plan: cannot read the folder .*\n {2}0002-clusterip\.yaml document 2: invalid YAML: /,
    );
    expect(result.stderr).toContain(
      '  0007-copy.yaml document 1: Deployment service-types-demo/echo-server is also in 0001-app.yaml\n',
    );
    expect(result.status).toBe(1);
  });

  test('a revision without dist/ is named as such', () => {
    const result = plan('--against', 'before-render');
    expect(result.stderr).toMatch(/^plan: before-render has no dist\/ folder with manifests/);
    expect(result.status).toBe(1);
  });

  test('something that is neither a folder nor a revision is named as such', () => {
    const result = plan('--against', 'no-such-revision');
    expect(result.stderr).toBe(
      'plan: --against no-such-revision: there is no such folder, and git knows no revision no-such-revision\n',
    );
    expect(result.status).toBe(1);
  });

  test('an unknown option exits 1 with the usage', () => {
    const result = plan('--bogus', 'out');
    expect(result.stderr).toMatch(/^plan: Unknown option '--bogus'/);
    expect(result.stderr).toContain('usage: service-types plan');
    expect(result.status).toBe(1);
  });

  test('a plan interrupted while it renders removes its temporary folder', async () => {
    const child = spawn(process.execPath, ['bin/service-types.js', 'plan'], {
      cwd: repo,
      env: { ...ENV, TMPDIR: tmp },
    });
    let done = false;
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        done = true;
        resolve(code);
      }),
    );
    while (fs.readdirSync(tmp).length === 0 && !done) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

test('the plans left the repository and its dist/ as committed', () => {
  expect(git('status', '--porcelain', '--ignored', '--', 'dist')).toBe('');
  expect(git('status', '--porcelain')).toBe('');
});
