// Fault injection for the synth program: kill -9 at every file-system change it makes and
// at random moments, the leftovers of killed synths, concurrent synths, and the lock.
// After a kill the output must hold the old or the new render, complete, or be missing
// with the old render set aside; the next synth, even a failing one, must put the output
// back and remove every leftover.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';
import { synthWorkFiles } from '../cli/output/work-files';
import { Run, snapshotFolder, started, synth, workFiles } from './tooling-support';

jest.setTimeout(180_000);

const KILL_AT_STEP = path.join(ROOT, '__tests__', 'fixtures', 'preload', 'kill-at-step.js');
/** A setting the app rejects: a synth that fails after it has repaired the output. */
const FAILING = ['--', '--set', 'replicas=-1'];
const NAMESPACES = ['crash-old', 'crash-new', 'crash-next', 'crash-fourth'] as const;
type Render = (typeof NAMESPACES)[number];

const renders = new Map<Render, Record<string, string>>();

beforeAll(() => {
  for (const namespace of NAMESPACES) {
    const outdir = path.join(tempDir('crash-render'), 'dist');
    expect(synth(['--output', outdir, '--', '--set', `namespace=${namespace}`]).status).toBe(0);
    renders.set(namespace, snapshotFolder(outdir));
  }
});

/** Which complete render `dir` holds, `mixed` if none, `missing` if there is no folder. */
function renderIn(dir: string): Render | 'mixed' | 'missing' {
  if (!fs.existsSync(dir)) {
    return 'missing';
  }
  const files = JSON.stringify(snapshotFolder(dir));
  return NAMESPACES.find((namespace) => JSON.stringify(renders.get(namespace)) === files) ?? 'mixed';
}

/** An output folder holding the old render, in a folder of its own. */
function oldOutput(): string {
  const outdir = path.join(tempDir('crash-out'), 'dist');
  fs.mkdirSync(outdir);
  for (const [file, text] of Object.entries(renders.get('crash-old')!)) {
    fs.writeFileSync(path.join(outdir, file), text);
  }
  return outdir;
}

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/**
 * The state a killed synth left: the render in the output and, when the output is missing,
 * the render set aside. Returns the render a repair must bring back.
 */
function checkAfterKill(outdir: string, label: string): Render {
  const now = renderIn(outdir);
  if (now !== 'missing') {
    expect({ label, output: now }).toEqual({ label, output: expect.stringMatching(/^crash-(old|new)$/) });
    return now as Render;
  }
  const retired = workFiles(outdir).filter((f) => f.includes('.synth-retired-'));
  expect({ label, retired: retired.length }).toEqual({ label, retired: 1 });
  expect({ label, setAside: renderIn(path.join(path.dirname(outdir), retired[0])) }).toEqual({
    label,
    setAside: 'crash-old',
  });
  return 'crash-old';
}

/** Runs the next synth after a kill, failing or not, and checks it repaired everything. */
function checkNextSynth(outdir: string, expected: Render, failing: boolean, label: string): void {
  const args = failing ? FAILING : ['--', '--set', 'namespace=crash-next'];
  const result = synth(['--output', outdir, ...args]);
  expect({ label, status: result.status, output: renderIn(outdir), workFiles: workFiles(outdir) }).toEqual({
    label,
    status: failing ? 1 : 0,
    output: failing ? expected : 'crash-next',
    workFiles: [],
  });
}

describe('kill -9 at each file-system change of a synth', () => {
  // The next synth fails on purpose: it must still repair the output before anything else.
  test('leaves the old or the new render, and the next synth repairs the output even when it fails', () => {
    const counted = spawnSync(
      process.execPath,
      [
        '-r',
        KILL_AT_STEP,
        'bin/service-types.js',
        'synth',
        '--output',
        oldOutput(),
        '--',
        '--set',
        'namespace=crash-new',
      ],
      { cwd: ROOT, encoding: 'utf-8' },
    );
    expect(counted.status).toBe(0);
    const steps = Number(/file-system changes: (\d+)/.exec(counted.stderr)![1]);
    // The command's own changes (lock, two renames, removals, the record of what it wrote) are
    // each a kill point; the app writes its manifests in a thread of its own, which the random
    // kills below cut short too.
    expect(steps).toBeGreaterThanOrEqual(15);
    for (let step = 1; step <= steps; step++) {
      const outdir = oldOutput();
      const killed = spawnSync(
        process.execPath,
        ['-r', KILL_AT_STEP, 'bin/service-types.js', 'synth', '--output', outdir, '--', '--set', 'namespace=crash-new'],
        { cwd: ROOT, env: { ...process.env, KILL_AT_STEP: String(step) } },
      );
      const label = `killed before change ${step} of ${steps}`;
      expect({ label, signal: killed.signal }).toEqual({ label, signal: 'SIGKILL' });
      const expected = checkAfterKill(outdir, label);
      checkNextSynth(outdir, expected, true, label);
    }
  });
});

describe('kill -9 at random moments', () => {
  const KILLS = 20;

  test(`${KILLS} kills spread over a whole synth each leave a render the next synth repairs`, async () => {
    // The length of an uninterrupted synth on this machine now, start-up included.
    const durations = [0, 1, 2].map(() => {
      const start = Date.now();
      expect(synth(['--output', oldOutput(), '--', '--set', 'namespace=crash-new']).status).toBe(0);
      return Date.now() - start;
    });
    const duration = durations.sort((a, b) => a - b)[1];
    for (let i = 0; i < KILLS; i++) {
      const outdir = oldOutput();
      // One kill in each of KILLS equal slices of the synth, at a random point of its slice.
      const delay = Math.round(((i + Math.random()) / KILLS) * duration);
      const { child, exited } = started(
        process.execPath,
        ['bin/service-types.js', 'synth', '--output', outdir, '--', '--set', 'namespace=crash-new'],
        { cwd: ROOT },
      );
      setTimeout(() => child.kill('SIGKILL'), delay);
      const killed: Run = await exited;
      const label = `killed after ${delay} ms of ${duration} ms (${killed.signal ?? `exited ${killed.status}`})`;
      const expected = checkAfterKill(outdir, label);
      checkNextSynth(outdir, expected, i % 2 === 0, label);
    }
  });
});

describe('the leftovers of a killed synth', () => {
  // [state, how a killed synth leaves it, from an output holding the old render]
  const STATES: [string, (outdir: string) => void][] = [
    [
      'a partial staging folder',
      (outdir) => {
        const staging = synthWorkFiles(outdir).staging(deadPid());
        fs.mkdirSync(staging);
        fs.writeFileSync(path.join(staging, '0000-namespace.yaml'), 'kind: Namespace\n');
      },
    ],
    [
      'the output set aside by a synth killed between its two renames',
      (outdir) => {
        const pid = deadPid();
        const staging = synthWorkFiles(outdir).staging(pid);
        fs.mkdirSync(staging);
        fs.writeFileSync(path.join(staging, '0000-namespace.yaml'), 'kind: Namespace\n');
        fs.renameSync(outdir, synthWorkFiles(outdir).retired(pid));
      },
    ],
    [
      'a half-removed old render beside the new output',
      (outdir) => {
        const retired = synthWorkFiles(outdir).retired(deadPid());
        fs.mkdirSync(retired);
        fs.writeFileSync(path.join(retired, '0006-externalname.yaml'), 'kind: Service\n');
      },
    ],
    ['the lock of a killed synth', (outdir) => fs.writeFileSync(synthWorkFiles(outdir).lock, `${deadPid()}\nkilled\n`)],
    [
      'a lock file a killed synth created but never wrote, a while ago',
      (outdir) => {
        const lock = synthWorkFiles(outdir).lock;
        fs.writeFileSync(lock, '');
        const past = new Date(Date.now() - 60_000);
        fs.utimesSync(lock, past, past);
      },
    ],
    [
      'a lock a killed synth was taking over',
      (outdir) => fs.writeFileSync(synthWorkFiles(outdir).claimedLock(deadPid()), `${deadPid()}\nkilled\n`),
    ],
  ];

  test.each(STATES)('%s: the next synth repairs the output and removes it, even when it fails', (_state, leave) => {
    const outdir = oldOutput();
    leave(outdir);
    expect(workFiles(outdir).length).toBeGreaterThan(0);
    const result = synth(['--output', outdir, '--wait', '0', ...FAILING]);
    expect(result.stderr).toContain('setting replicas -1 (from --set) must be an integer of 0 or more');
    expect({ status: result.status, output: renderIn(outdir), workFiles: workFiles(outdir) }).toEqual({
      status: 1,
      output: 'crash-old',
      workFiles: [],
    });
  });
});

describe('concurrent synths into one folder', () => {
  test('with different settings, each succeeds and the output is one complete render', async () => {
    const outdir = oldOutput();
    const runs = await Promise.all(
      NAMESPACES.map(
        (namespace) =>
          started(
            process.execPath,
            ['bin/service-types.js', 'synth', '--output', outdir, '--', '--set', `namespace=${namespace}`],
            {
              cwd: ROOT,
            },
          ).exited,
      ),
    );
    expect(runs.map((r) => [r.status, r.stderr])).toEqual(NAMESPACES.map(() => [0, expect.any(String)]));
    expect(NAMESPACES).toContain(renderIn(outdir));
    expect(workFiles(outdir)).toEqual([]);
  });
});

describe('the lock', () => {
  /** A live process holding the lock on `outdir`, as a synth in progress would. */
  function holdLock(outdir: string) {
    const holder = started(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { cwd: ROOT });
    fs.writeFileSync(synthWorkFiles(outdir).lock, `${holder.child.pid}\nholder\n`);
    return holder;
  }

  test('with --wait 0, a synth says another synth is running and touches nothing', async () => {
    const outdir = oldOutput();
    const holder = holdLock(outdir);
    try {
      const result = synth(['--output', outdir, '--wait', '0', '--', '--set', 'namespace=crash-new']);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`another synth into ${outdir} is running (process ${holder.child.pid})`);
      expect(renderIn(outdir)).toBe('crash-old');
      expect(fs.readFileSync(synthWorkFiles(outdir).lock, 'utf-8')).toBe(`${holder.child.pid}\nholder\n`);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  });

  test('a synth waits while another holds the lock, and runs once it is gone', async () => {
    const outdir = oldOutput();
    const holder = holdLock(outdir);
    const waiting = started(
      process.execPath,
      ['bin/service-types.js', 'synth', '--output', outdir, '--', '--set', 'namespace=crash-new'],
      {
        cwd: ROOT,
      },
    );
    let stderr = '';
    waiting.child.stderr?.on('data', (chunk) => (stderr += chunk));
    while (!stderr.includes('Waiting for another synth')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stderr).toContain(`Waiting for another synth into ${outdir} (process ${holder.child.pid})`);
    expect(renderIn(outdir)).toBe('crash-old');
    holder.child.kill('SIGKILL');
    await holder.exited;
    const result = await waiting.exited;
    expect({ status: result.status, output: renderIn(outdir), workFiles: workFiles(outdir) }).toEqual({
      status: 0,
      output: 'crash-new',
      workFiles: [],
    });
  });
});
