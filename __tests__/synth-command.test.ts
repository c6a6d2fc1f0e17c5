import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExternalNameService, Warnings } from '../lib';
import { ROOT, tempDir, testChart } from './support';
import { listing, snapshotFolder, synth as runSynth, workFiles } from './tooling-support';

const synth = (...args: string[]) => runSynth(args);
import { readWritten } from '../cli/output/record';
import { failureReport } from '../cli/report';

/** An output folder holding a previous synth's manifests: one the next render writes too, and one it no longer does. */
function previousOutput(): string {
  const outdir = path.join(tempDir('synth-out'), 'dist');
  fs.mkdirSync(outdir);
  fs.writeFileSync(
    path.join(outdir, '0000-namespace.yaml'),
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old\n',
  );
  fs.writeFileSync(
    path.join(outdir, '0007-stale.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stale\n  namespace: old\n',
  );
  return outdir;
}

// [failure, synth arguments, lines the report must contain]
const FAILURES: [string, string[], string[]][] = [
  [
    'invalid construct props',
    ['--app', '__tests__/fixtures/apps/invalid-settings.ts'],
    [
      'Synthesis failed: 2 invalid settings',
      "  - EchoServer 'app/echo-server': replicas -1 must be an integer from 0 to 2147483647 [deployment/replicas]",
      "  - NodePortService 'nodeport/echo-nodeport': nodePort 40080 is outside the node port range 30000-32767",
    ],
  ],
  [
    'bad configuration',
    ['--', '--set', 'replicas=-1', '--set', 'services=ingress'],
    [
      'Synthesis failed: invalid configuration (2 problems)',
      '  - setting replicas -1 (from --set) must be an integer of 0 or more',
      '  - setting services ["ingress"] (from --set) must be a list of',
    ],
  ],
  [
    'a warning made strict by --strict',
    ['--strict', '--', '--set', 'externalName=10.0.0.1'],
    [
      'Synthesis failed: 1 strict-mode warning',
      `  - ExternalNameService 'externalname/external-api': externalName "10.0.0.1" is an IP address`,
      '[external-name/ip-address] (a warning, failing because warnings are strict)',
    ],
  ],
  [
    'an exception in the app',
    ['--app', '__tests__/fixtures/apps/throws.ts'],
    ['Synthesis failed: cannot render 7 charts: the database is down'],
  ],
  [
    'manifests the Kubernetes schema rejects',
    ['--app', '__tests__/fixtures/apps/schema-fault.ts'],
    [
      'Synthesis failed: 2 schema violations against Kubernetes 1.27.0',
      // The construct paths come from cdk8s's construct metadata, which never reaches the output.
      '  - 0001-app.yaml Deployment/echo-server (construct app/echo-server/Resource) /spec/replicas "two": must be integer [Kubernetes 1.27.0 schema]',
      '  - 0001-app.yaml ConfigMap/settings (construct app/settings) /dataa: unknown field [Kubernetes 1.27.0 schema]',
    ],
  ],
];

describe.each(FAILURES)('npm run synth with %s', (_failure, args, lines) => {
  const outdir = previousOutput();
  const before = snapshotFolder(outdir);
  const result = synth('--output', outdir, ...args);

  test('exits non-zero', () => {
    expect(result.status).toBe(1);
  });

  test('lists every error, without a stack trace', () => {
    for (const line of lines) {
      expect(result.stderr).toContain(line);
    }
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('leaves the previous output byte-identical and no staging folder behind', () => {
    expect(snapshotFolder(outdir)).toEqual(before);
    expect(workFiles(outdir)).toEqual([]);
  });
});

describe('the headline of a failed synth counts errors and strict-mode warnings apart', () => {
  // [externalNames: an IP is a warning, an invalid name an error; headline]
  const CASES: [string[], string][] = [
    [['bad_name'], '1 invalid setting'],
    [['10.0.0.1'], '1 strict-mode warning'],
    [['bad_name', '10.0.0.1', '10.0.0.2'], '1 invalid setting and 2 strict-mode warnings'],
  ];
  test.each(CASES)('externalNames %j: %s', (externalNames, headline) => {
    const { app, chart } = testChart();
    Warnings.configure(app, { strict: true });
    externalNames.forEach((externalName, i) => new ExternalNameService(chart, `ext${i}`, { externalName }));
    const error = (() => {
      try {
        app.synth();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(Error);
    const report = failureReport('Synthesis failed', error);
    expect(report.split('\n')[0]).toBe(`Synthesis failed: ${headline}`);
    expect(report.match(/^ {2}- /gm)).toHaveLength(externalNames.length);
  });
});

test('a warning is printed once and does not stop synth without --strict', () => {
  const outdir = path.join(tempDir('synth-warning'), 'dist');
  const result = synth('--output', outdir, '--', '--set', 'externalName=10.0.0.1');
  expect(result.status).toBe(0);
  expect(result.stderr.match(/^Warning: .*\[external-name\/ip-address\]$/gm)).toHaveLength(1);
  expect(fs.readFileSync(path.join(outdir, '0006-externalname.yaml'), 'utf-8')).toContain('externalName: 10.0.0.1');
});

describe('a successful npm run synth', () => {
  const outdir = previousOutput();
  const result = synth('--output', outdir);

  test('replaces the output completely, removing stale files', () => {
    expect(result.status).toBe(0);
    expect(fs.readdirSync(outdir)).not.toContain('0007-stale.yaml');
    expect(fs.readdirSync(outdir)).toHaveLength(7);
    expect(workFiles(outdir)).toEqual([]);
  });

  test('writes what the committed dist/ holds', () => {
    expect(snapshotFolder(outdir)).toEqual(snapshotFolder(path.join(ROOT, 'dist')));
  });
});

test('an edit to a TypeScript source shows in the next synth with no extra command', () => {
  const app = path.join(ROOT, '__tests__', 'fixtures', 'apps', 'edited-by-test.ts');
  const outdir = path.join(tempDir('synth-edit'), 'dist');
  const write = (replicas: number) =>
    fs.writeFileSync(
      app,
      `import { ServiceTypesApp } from '../../../app';\nnew ServiceTypesApp({ replicas: ${replicas} }).synth();\n`,
    );
  try {
    write(3);
    expect(synth('--app', app, '--output', outdir).status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, '0001-app.yaml'), 'utf-8')).toContain('replicas: 3');
    write(5);
    expect(synth('--app', app, '--output', outdir).status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, '0001-app.yaml'), 'utf-8')).toContain('replicas: 5');
  } finally {
    fs.rmSync(app, { force: true });
  }
});

describe('an output synth must not replace is refused, naming why, and nothing is touched', () => {
  /** A folder of its own holding `files` (paths relative to it, YAML unless named otherwise). */
  function folder(files: string[]): string {
    const dir = path.join(tempDir('refused'), 'out');
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), 'kind: ConfigMap\n');
    }
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  // [output, how to make it: the --output argument, the folder to watch, extra environment, problem]
  const REFUSED: [string, () => { output: string; watched: string; env?: NodeJS.ProcessEnv }, string | RegExp][] = [
    ['the project folder', () => ({ output: '.', watched: ROOT }), 'it is the project folder'],
    [
      'the folder above the project',
      () => ({ output: '..', watched: path.dirname(ROOT) }),
      'it holds the project folder',
    ],
    [
      'a source folder',
      () => ({ output: 'lib', watched: path.join(ROOT, 'lib') }),
      /it holds (\S+, ){4}\S+ and \d+ more, which synth did not write/,
    ],
    [
      'a folder of settings',
      () => ({ output: 'config', watched: path.join(ROOT, 'config') }),
      'it holds dev.json, prod.json',
    ],
    ['a file', () => ({ output: 'package.json', watched: ROOT }), 'it is a file, not a folder'],
    [
      'a folder below a file',
      () => ({ output: 'package.json/out', watched: ROOT }),
      `${path.join(ROOT, 'package.json')} is a file, not a folder`,
    ],
    [
      'a folder inside node_modules',
      () => ({ output: 'node_modules/.cache/out', watched: path.join(ROOT, 'node_modules', '.cache') }),
      'it is inside node_modules or .git',
    ],
    [
      'the home folder',
      () => {
        const home = folder(['a.yaml']);
        return { output: home, watched: home, env: { HOME: home } };
      },
      'it is the home folder or holds it',
    ],
    [
      'a symbolic link',
      () => {
        const link = path.join(tempDir('refused-link'), 'dist');
        fs.symlinkSync(folder(['a.yaml']), link);
        return { output: link, watched: path.dirname(link) };
      },
      'it is a symbolic link',
    ],
    [
      'a folder holding a dotfile',
      () => {
        const dir = folder(['a.yaml', '.gitkeep']);
        return { output: dir, watched: dir };
      },
      'it holds .gitkeep, a.yaml, which synth did not write',
    ],
    [
      'a folder holding sources below manifests',
      () => {
        const dir = folder(['a.yaml', 'charts/b.yaml', 'charts/helpers.ts']);
        return { output: dir, watched: path.join(dir, 'charts') };
      },
      `it holds a.yaml, charts/, which synth did not write`,
    ],
    [
      'a read-only output',
      () => {
        const dir = folder(['a.yaml']);
        fs.chmodSync(dir, 0o555);
        return { output: dir, watched: dir };
      },
      'is read-only; synth replaces only what it may write',
    ],
    [
      'an output in a read-only folder',
      () => {
        const parent = tempDir('refused-parent');
        fs.chmodSync(parent, 0o555);
        return { output: path.join(parent, 'dist'), watched: parent };
      },
      'is read-only, and synth renders beside the output',
    ],
  ];

  test.each(REFUSED)('%s', (_output, make, problem) => {
    const { output, watched, env } = make();
    const before = listing(watched);
    try {
      const result = runSynth(['--output', output], { env });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Synthesis failed: --output ${output} is refused\n`);
      expect(result.stderr).toMatch(problem);
      expect(listing(watched)).toEqual(before);
      const beside = path.dirname(path.resolve(ROOT, output));
      expect(fs.statSync(beside).isDirectory() ? workFiles(path.resolve(ROOT, output)) : []).toEqual([]);
    } finally {
      fs.chmodSync(watched, 0o755);
    }
  });

  test('every problem of an output is reported at once', () => {
    const dir = folder(['a.yaml', 'notes.txt']);
    fs.chmodSync(dir, 0o555);
    try {
      const result = runSynth(['--output', dir]);
      expect(result.stderr).toContain(`Synthesis failed: --output ${dir} is refused\n`);
      expect(result.stderr).toContain('  - it holds a.yaml, notes.txt, which synth did not write');
      expect(result.stderr).toContain(`  - ${dir} is read-only`);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  test('a failed synth into a folder that did not exist leaves no folder behind', () => {
    const parent = tempDir('absent');
    expect(synth('--output', path.join(parent, 'a', 'b'), '--', '--set', 'replicas=-1').status).toBe(1);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test('an absent folder, an empty one and one holding an earlier render are accepted', () => {
    const absent = path.join(tempDir('accepted'), 'a', 'b');
    const empty = folder([]);
    const earlier = folder([]);
    fs.cpSync(path.join(ROOT, 'dist'), earlier, { recursive: true });
    for (const output of [absent, empty, earlier]) {
      expect(synth('--output', output).status).toBe(0);
      expect(snapshotFolder(output)).toEqual(snapshotFolder(path.join(ROOT, 'dist')));
    }
  });

  // A synth replaces the files it wrote and nothing else: these are the user's (kustomize
  // reads a kustomization.yaml beside the manifests), whatever their extension.
  test.each<[string, string[], string]>([
    ['a kustomization.yaml', ['kustomization.yaml'], 'it holds kustomization.yaml, which synth did not write'],
    ['an overlays/ folder of YAML', ['overlays/prod/patch.yaml'], 'it holds overlays/, which synth did not write'],
    ['notes in YAML', ['notes.yml'], 'it holds notes.yml, which synth did not write'],
  ])('%s added to an earlier render stops the synth and survives', (_case, added, problem) => {
    const outdir = folder([]);
    fs.cpSync(path.join(ROOT, 'dist'), outdir, { recursive: true });
    for (const file of added) {
      fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
      fs.writeFileSync(path.join(outdir, file), 'resources:\n  - 0001-app.yaml\n');
    }
    const before = snapshotFolder(outdir);
    const result = synth('--output', outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(problem);
    expect(snapshotFolder(outdir)).toEqual(before);
  });

  test('a file a synth wrote and the next render no longer has is replaced, as the record says', () => {
    const outdir = folder([]);
    expect(
      synth('--output', outdir, '--', '--set', 'services=clusterip,nodeport,loadbalancer,headless,externalname').status,
    ).toBe(0);
    expect(synth('--output', outdir, '--', '--set', 'services=clusterip').status).toBe(0);
    expect(fs.readdirSync(outdir).sort()).toEqual(['0000-namespace.yaml', '0001-app.yaml', '0002-clusterip.yaml']);
  });

  test('the record of an output folder that is gone is forgotten once synth writes into another', () => {
    const gone = folder([]);
    expect(synth('--output', gone).status).toBe(0);
    expect(readWritten(gone)).toHaveLength(7);
    fs.rmSync(gone, { recursive: true });
    expect(readWritten(gone)).toHaveLength(7);
    expect(synth('--output', folder([])).status).toBe(0);
    expect(readWritten(gone)).toBeUndefined();
  });
});

describe('the command line', () => {
  test('arguments after -- reach the app untouched and in order', () => {
    const outdir = path.join(tempDir('forward'), 'dist');
    const result = synth(
      `--output=${outdir}`,
      '--app',
      'main.ts',
      '--',
      '--set',
      'replicas=4',
      '--set',
      'namespace=forwarded',
      '--set',
      'replicas=5',
    );
    expect(result.status).toBe(0);
    const app = fs.readFileSync(path.join(outdir, '0001-app.yaml'), 'utf-8');
    expect(app).toContain('replicas: 5');
    expect(app).toContain('namespace: forwarded');
  });

  test('an option synth does not know is refused with the usage, before anything renders', () => {
    const result = synth('--output', path.join(tempDir('forward'), 'dist'), '--set', 'replicas=2');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("synth: Unknown option '--set'");
    expect(result.stderr).toContain('usage: service-types synth');
  });

  test('an argument the app does not know is reported by the app', () => {
    const result = synth('--output', path.join(tempDir('forward'), 'dist'), '--', '--no-such-flag');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown option "--no-such-flag"');
  });

  test.each<[string, string[], string]>([
    ['--output without a folder', ['--output'], "synth: Option '--output <value>' argument missing"],
    ['--wait with no number', ['--wait', 'soon'], '--wait "soon" must be a number of seconds, 0 or more'],
    ['--cdk8s outside cdk8s synth', ['--cdk8s'], '--cdk8s is for the app command of cdk8s.yaml'],
  ])('%s is an error', (_case, args, message) => {
    const result = runSynth(args, { env: { CDK8S_OUTDIR: '' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });

  test.each(['__proto__', 'constructor', 'toString'])('--set %s=1 names the unknown setting', (key) => {
    const result = synth('--output', path.join(tempDir('proto'), 'dist'), '--', '--set', `${key}=1`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`setting "${key}" (from --set) is unknown; settings are namespace, replicas`);
  });
});

test('os.homedir() follows HOME, which the home-folder refusal relies on', () => {
  expect(os.homedir()).toBe(process.env.HOME);
});

// An immutable file (chattr +i) cannot be removed even by root: a synth that replaced the
// folder holding it could neither delete the old render nor ever clean it up.
describe('an immutable file', () => {
  const chattr = (flag: string, file: string) => spawnSync('chattr', [flag, file], { encoding: 'utf-8' });
  const supported = (() => {
    const probe = path.join(tempDir('chattr-probe'), 'f');
    fs.writeFileSync(probe, '');
    const ok = chattr('+i', probe).status === 0;
    chattr('-i', probe);
    return ok;
  })();
  const maybe = supported ? test : test.skip;

  maybe('in the output is named, and the output left as it was', () => {
    const outdir = path.join(tempDir('immutable'), 'dist');
    fs.cpSync(path.join(ROOT, 'dist'), outdir, { recursive: true });
    const pinned = path.join(outdir, '0001-app.yaml');
    chattr('+i', pinned);
    try {
      const before = snapshotFolder(outdir);
      const result = synth('--output', outdir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `${path.join(outdir, '0001-app.yaml')} cannot be replaced: immutable or append-only`,
      );
      expect(snapshotFolder(outdir)).toEqual(before);
    } finally {
      chattr('-i', pinned);
    }
    expect(synth('--output', outdir).status).toBe(0);
  });

  maybe('in what a killed synth left beside the output is reported, and never blocks a synth', () => {
    const outdir = path.join(tempDir('immutable-leftover'), 'dist');
    fs.cpSync(path.join(ROOT, 'dist'), outdir, { recursive: true });
    const retired = `${path.join(path.dirname(outdir), '.dist.synth-retired-')}${spawnSync(process.execPath, ['-e', '']).pid}`;
    fs.mkdirSync(retired);
    const pinned = path.join(retired, '0001-app.yaml');
    fs.writeFileSync(pinned, 'kind: Deployment\n');
    chattr('+i', pinned);
    try {
      for (let i = 0; i < 2; i++) {
        const result = synth('--output', outdir);
        expect(result.status).toBe(0);
        expect(result.stderr).toContain('could not be removed');
        expect(result.stderr).toContain('chattr -i');
      }
    } finally {
      chattr('-i', pinned);
    }
  });
});
