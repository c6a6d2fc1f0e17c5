#!/usr/bin/env node
'use strict';
// `npm run bench`: measures synth and test speed against the baselines, side by side in
// one run on this machine, and synthesis at scale. Each command runs once to warm up, then
// RUNS times; medians, minimum and maximum are printed. Not part of `npm test`.
//
//   npm run bench                 everything
//   npm run bench -- --runs 3     fewer runs
//   npm run bench -- --only synth|test|scale
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { PROJECT_ROOT: root } = require('./constants');

/** Where `service-types synth` keeps compiled apps: emptying it costs what an edit does. */
const BUNDLE_CACHE = path.join(root, 'node_modules', '.cache', 'service-types', 'bundles');
/** The commit whose `npm run synth` (scripts/synth.js, before the service-types command) is the baseline. */
const PREVIOUS_SYNTH = '8f7abcb';

/**
 * Compiles a TypeScript entry of this project into one file (packages external), for the
 * scale runs, which time synthesis inside the process.
 *
 * @param {string} entry relative to the project
 */
function compile(entry) {
  const outfile = path.join(root, 'node_modules', '.cache', 'service-types', 'bench', `${path.basename(entry)}.js`);
  require('esbuild').buildSync({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

/**
 * This project as committed at {@link PREVIOUS_SYNTH}, in a temporary folder sharing our
 * node_modules: the synth program it had is the baseline of `service-types synth`.
 */
function previousProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-previous-'));
  const archive = spawnSync('git', ['archive', '--format=tar', PREVIOUS_SYNTH], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) {
    throw new Error(`git archive ${PREVIOUS_SYNTH} failed: ${archive.stderr}`);
  }
  spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const USAGE = 'usage: node scripts/bench.js [--runs <n>] [--only synth|test|scale]';
const PARTS = ['synth', 'test', 'scale'];

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd] default: the project root
 * @property {Record<string, string>} [env] added to this process's environment
 * @property {number} [runs] default: --runs
 * @property {() => void} [before] called before each run, the warm-up included
 */

/**
 * The command line's options; on a bad one, prints why and exits.
 *
 * @param {string[]} argv
 * @returns {{ runs: number, only: string | undefined }}
 */
function commandLineOrExit(argv) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } },
    });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) {
      throw new Error(`--runs ${JSON.stringify(values.runs)} must be a whole number of 1 or more`);
    }
    if (values.only !== undefined && !PARTS.includes(values.only)) {
      throw new Error(`--only ${JSON.stringify(values.only)} must be one of ${PARTS.join(', ')}`);
    }
    return { runs, only: values.only };
  } catch (error) {
    console.error(`bench: ${/** @type {Error} */ (error).message}\n${USAGE}`);
    return process.exit(1);
  }
}

const { runs: RUNS, only: ONLY } = commandLineOrExit(process.argv.slice(2));

/**
 * @param {string} pkg
 * @param {string} file
 */
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

/**
 * Runs a command to completion, failing on a non-zero exit.
 *
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {RunOptions} [options]
 */
function run(command, commandArgs, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    encoding: 'utf-8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return { seconds, stdout: result.stdout };
}

/** @param {readonly number[]} values */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Runs a command once to warm up, then `runs` times, calling `before` ahead of each run.
 *
 * @param {string} label
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {RunOptions} [options]
 */
function measure(label, command, commandArgs, options = {}) {
  const runs = options.runs ?? RUNS;
  options.before?.();
  run(command, commandArgs, options);
  const times = [];
  for (let i = 0; i < runs; i++) {
    options.before?.();
    times.push(run(command, commandArgs, options).seconds);
  }
  const result = { label, ...stats(times), runs };
  console.log(`  ${label.padEnd(58)} ${fmt(result.median)}  (min ${fmt(result.min)}, max ${fmt(result.max)})`);
  return result;
}

/** @param {number} s */
const fmt = (s) => `${s.toFixed(3)} s`;
/**
 * @param {number} a
 * @param {number} b
 */
const ratio = (a, b) => (a / b).toFixed(2);

/** @param {string} title */
function header(title) {
  console.log(`\n## ${title}\n`);
}

/** A copy of bench/baseline as a `cdk8s init typescript-app` project would be, sharing our node_modules. */
function baselineProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
  for (const f of fs.readdirSync(path.join(root, 'bench', 'baseline'))) {
    fs.copyFileSync(path.join(root, 'bench', 'baseline', f), path.join(dir, f));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', '.'], { cwd: dir });
  return dir;
}

function benchSynth() {
  header('Synth: this project against a plain cdk8s-plus-27 app of the same seven objects');
  const base = baselineProject();
  const previousDir = previousProject();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-out-')), 'dist');
  const scratch = path.join(path.dirname(out), 'cdk8s.out');
  const env = { CDK8S_OUTDIR: out };
  const tsNode = bin('ts-node', 'dist/bin.js');
  try {
    const floor = measure('floor: node main.js (precompiled cdk8s-plus app)', process.execPath, ['main.js'], {
      cwd: base,
      env,
    });
    const tsCheck = measure('ts-node main.ts (type-checking)', process.execPath, [tsNode, 'main.ts'], {
      cwd: base,
      env,
    });
    const tsFast = measure('ts-node -T main.ts (transpile only)', process.execPath, [tsNode, '-T', 'main.ts'], {
      cwd: base,
      env,
    });
    const template = measure(
      'cdk8s init template: npx cdk8s synth (app: npx ts-node)',
      'npx',
      ['cdk8s', 'synth', '--check-upgrade=false'],
      { cwd: base },
    );
    const cliJs = measure(
      'npx cdk8s synth --app "node main.js" (precompiled)',
      'npx',
      ['cdk8s', 'synth', '--check-upgrade=false', '--app', 'node main.js'],
      { cwd: base },
    );
    const previous = measure(
      `before the command: node scripts/synth.js (npm run synth at ${PREVIOUS_SYNTH})`,
      process.execPath,
      ['scripts/synth.js', '--output', out],
      { cwd: previousDir },
    );
    const program = measure('ours: node bin/service-types.js synth (what npm run synth runs)', process.execPath, [
      'bin/service-types.js',
      'synth',
      '--output',
      out,
    ]);
    const consumer = measure(
      'ours in the cdk8s init project: service-types synth',
      process.execPath,
      [path.join(root, 'bin', 'service-types.js'), 'synth', '--output', out],
      { cwd: base },
    );
    const npmSynth = measure('ours: npm run synth (end to end, schema check, atomic dist)', 'npm', [
      'run',
      '--silent',
      'synth',
      '--',
      '--output',
      out,
    ]);
    // The bundle is keyed by the sources' contents: emptying the cache costs what an edit does.
    const edited = measure(
      'ours: npm run synth after editing a .ts file (rebuild)',
      'npm',
      ['run', '--silent', 'synth', '--', '--output', out],
      {
        before: () => fs.rmSync(BUNDLE_CACHE, { recursive: true, force: true }),
      },
    );
    const ourAppTsNode = measure("this project's app the template way: npx cdk8s synth, app npx ts-node", 'npx', [
      'cdk8s',
      'synth',
      '--check-upgrade=false',
      '--app',
      'npx ts-node main.ts',
      '--output',
      // A folder of its own: the cdk8s CLI writes construct-metadata.json there, which a
      // service-types synth into the same folder would refuse to delete.
      path.join(path.dirname(out), 'ts-node'),
    ]);
    // cdk8s.yaml's app command with --output added, so that the bench leaves dist/ alone.
    const ourCli = measure('ours: npx cdk8s synth (with the schema validation plugin)', 'npx', [
      'cdk8s',
      'synth',
      '--check-upgrade=false',
      '--app',
      `node bin/service-types.js synth --cdk8s --app main.ts --output ${out}`,
      '--output',
      scratch,
    ]);

    console.log('\n  ratios (same run, same machine):');
    console.log(
      `    ours program / floor                          ${ratio(program.median, floor.median)}×  (target ≤ 2.3)`,
    );
    console.log(
      `    ours program / the program before the command  ${ratio(program.median, previous.median)}×  (target ≤ 1.1)`,
    );
    console.log(
      `    template npx cdk8s synth / ours in that project ${ratio(template.median, consumer.median)}×  (target ≥ 5)`,
    );
    console.log(
      `    template npx cdk8s synth / ours npm run synth ${ratio(template.median, npmSynth.median)}×  (target ≥ 8)`,
    );
    console.log(`    template / ours npm run synth after an edit   ${ratio(template.median, edited.median)}×`);
    console.log(`    our app via npx ts-node / ours npm run synth  ${ratio(ourAppTsNode.median, npmSynth.median)}×`);
    console.log(`    npm run overhead (npm run synth - program)     ${fmt(npmSynth.median - program.median)}`);
    console.log(`    cdk8s CLI start-up (cli js - floor)            ${fmt(cliJs.median - floor.median)}`);
    console.log(`    ts-node type-check / transpile-only           ${ratio(tsCheck.median, tsFast.median)}×`);
    console.log(`    ours npx cdk8s synth / template               ${ratio(ourCli.median, template.median)}×`);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(previousDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/**
 * Test files whose time goes to the synths, builds and cdk8s CLI runs they start and kill
 * (tens of seconds, whatever transforms the test's own TypeScript): left out of the
 * transformer comparison, where they would only add noise; `npm test` runs them.
 */
const PROCESS_HEAVY_TESTS = ['synth-crash', 'cdk8s-synth', 'app-bundle'];

/** @param {[string, object]} transform */
function jestConfig(transform) {
  const file = path.join(os.tmpdir(), `bench-jest-${process.pid}-${Math.random().toString(36).slice(2)}.config.js`);
  const config = {
    rootDir: root,
    testEnvironment: 'node',
    roots: ['<rootDir>/__tests__'],
    testMatch: ['**/*.test.ts'],
    testPathIgnorePatterns: PROCESS_HEAVY_TESTS.map((name) => `/${name}\\.test\\.ts$`),
    transform: { '^.+\\.ts$': transform },
  };
  fs.writeFileSync(file, `module.exports = ${JSON.stringify(config)};`);
  return file;
}

function benchTests() {
  header(
    `Tests: the suite but ${PROCESS_HEAVY_TESTS.join(', ')} with each TypeScript transformer for jest (cold cache, as in CI)`,
  );
  const runs = Math.min(RUNS, 3);
  const jest = bin('jest', 'bin/jest.js');
  /** @type {[string, [string, object]][]} */
  const configs = [
    ['@swc/jest (in use)', ['@swc/jest', {}]],
    ['ts-jest, isolatedModules (transpile only)', ['ts-jest', { isolatedModules: true }]],
    ['ts-jest, type-checking every file', ['ts-jest', {}]],
  ];
  const results = [];
  const tsc = measure(
    'tsc --noEmit -p . (the type-check step of npm test)',
    process.execPath,
    [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.'],
    { runs },
  );
  for (const [label, transform] of configs) {
    const config = jestConfig(transform);
    try {
      results.push(
        measure(`jest --ci --no-cache, ${label}`, process.execPath, [jest, '--ci', '--no-cache', '-c', config], {
          runs,
        }),
      );
    } finally {
      fs.rmSync(config, { force: true });
    }
  }
  // The whole suite, fault injection included, once after the warm-up: about a minute a run.
  const npmTest = measure('npm test (tsc --noEmit, then the whole suite, warm cache)', 'npm', ['test', '--silent'], {
    runs: 1,
  });
  console.log('\n  ratios:');
  for (const r of results.slice(1)) {
    console.log(
      `    ${r.label.replace('jest --ci --no-cache, ', '').padEnd(45)} ${ratio(r.median, results[0].median)}× the time of @swc/jest`,
    );
  }
  console.log(`    npm test = type-check ${fmt(tsc.median)} + jest; total ${fmt(npmTest.median)}`);
}

/**
 * Runs bench/scale-app once to warm up (unless `runs` is 1), then `runs` times.
 *
 * @param {string} bundle
 * @param {number} copies
 * @param {'one-chart' | 'chart-per-copy'} layout
 * @param {'app.synth' | 'synth' | 'plain'} mode
 * @param {number} runs
 */
function scaleRuns(bundle, copies, layout, mode, runs) {
  const args = [bundle, String(copies), layout, mode];
  if (runs > 1) {
    run(process.execPath, args);
  }
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(JSON.parse(run(process.execPath, args).stdout));
  }
  return {
    ...stats(samples.map((x) => x.seconds)),
    cpu: stats(samples.map((x) => x.cpuSeconds)).median,
    rss: Math.max(...samples.map((x) => x.peakRssMiB)),
    runs,
  };
}

/** @param {ReturnType<typeof scaleRuns>} r */
const scaleCell = (r) =>
  `${fmt(r.median)} (${r.runs === 1 ? 'one run' : `${fmt(r.min)}–${fmt(r.max)}`}) cpu ${fmt(r.cpu)} ${r.rss.toFixed(0)} MiB`;

async function benchScale() {
  const bundle = compile('bench/scale-app.ts');
  const runs = Math.min(RUNS, 3);
  header('Scale: N copies of the whole demo, each in its own namespace, in one chart');
  // On a machine shared with other work, the CPU time a run used varies less than its wall time.
  console.log('  wall time: median (min–max) of the runs; CPU time (user + system): median; peak RSS\n');
  console.log(`  ${'copies'.padStart(6)}  ${'app.synth()'.padEnd(52)} synth(app)`);
  /** @type {Record<number, number>} */
  const rows = {};
  for (const copies of [10, 100, 1000]) {
    const cdk8s = scaleRuns(bundle, copies, 'one-chart', 'app.synth', runs);
    const ours = scaleRuns(bundle, copies, 'one-chart', 'synth', runs);
    rows[copies] = cdk8s.median;
    console.log(`  ${String(copies).padStart(6)}  ${scaleCell(cdk8s).padEnd(52)} ${scaleCell(ours)}`);
  }
  console.log(`\n  app.synth() t(1000)/t(100) = ${ratio(rows[1000], rows[100])}  (10 means linear)`);

  // App.synth() renders each chart after resolving and validating the whole app again: at
  // 1,000 charts that takes most of a minute, so it runs once there, without a warm-up.
  header('Scale: one chart per copy; plain cdk8s renders seven plain ApiObjects per chart');
  console.log(
    `  ${'charts'.padStart(6)}  ${'demo, app.synth()'.padEnd(52)} ${'demo, synth(app)'.padEnd(52)} plain cdk8s, app.synth()`,
  );
  /** @type {Record<number, Record<string, ReturnType<typeof scaleRuns>>>} */
  const perChart = {};
  for (const charts of [100, 300, 1000]) {
    const cdk8s = scaleRuns(bundle, charts, 'chart-per-copy', 'app.synth', charts >= 1000 ? 1 : runs);
    const ours = scaleRuns(bundle, charts, 'chart-per-copy', 'synth', runs);
    const plain = scaleRuns(bundle, charts, 'chart-per-copy', 'plain', runs);
    perChart[charts] = { cdk8s, ours, plain };
    console.log(
      `  ${String(charts).padStart(6)}  ${scaleCell(cdk8s).padEnd(52)} ${scaleCell(ours).padEnd(52)} ${scaleCell(plain)}`,
    );
  }
  const [small, large] = [perChart[100], perChart[1000]];
  /**
   * @param {string} label
   * @param {string} wall
   * @param {string} cpu
   * @param {string} [target]
   */
  const line = (label, wall, cpu, target) =>
    console.log(`    ${label.padEnd(46)} ${wall}, cpu ${cpu}${target ? `  (target ${target})` : ''}`);
  /**
   * @param {ReturnType<typeof scaleRuns>} a
   * @param {ReturnType<typeof scaleRuns>} b
   * @returns {[string, string]}
   */
  const both = (a, b) => [ratio(a.median, b.median), ratio(a.cpu, b.cpu)];
  console.log('\n  ratios (same run; of wall time, then of CPU time):');
  line('synth(app), 1000 charts', fmt(large.ours.median), fmt(large.ours.cpu), '≤ 2 s');
  line('synth(app) / plain cdk8s app.synth(), 1000', ...both(large.ours, large.plain), '≤ 0.7');
  line('synth(app) t(1000)/t(100)', ...both(large.ours, small.ours), '≤ 11');
  line('app.synth() t(1000)/t(100)', ...both(large.cdk8s, small.cdk8s));
  line('plain cdk8s t(1000)/t(100)', ...both(large.plain, small.plain));
  line('app.synth() / synth(app), 1000 charts', ...both(large.cdk8s, large.ours));
  console.log(`    synth(app) peak RSS, 1000 charts               ${large.ours.rss.toFixed(0)} MiB  (target ≤ 500)`);
}

async function main() {
  console.log(`# service-types benchmark — ${new Date().toISOString()}`);
  console.log(
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${RUNS} runs after a warm-up`,
  );
  if (!ONLY || ONLY === 'synth') benchSynth();
  if (!ONLY || ONLY === 'test') benchTests();
  if (!ONLY || ONLY === 'scale') await benchScale();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
