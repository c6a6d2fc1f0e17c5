import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Include, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceTypesApp } from '../app';
import {
  ClusterIpService,
  EchoServer,
  NodePortService,
  ServiceTypesDemo,
  synth,
  ValidationWarning,
  Warnings,
} from '../lib';
import { ROOT } from './support';

// synth(app) must write exactly what cdk8s's App.synth() writes: each case builds its app
// twice, renders one through App.synth() and the other through synth(app), and compares every
// file, name and byte, and the error and warnings when there are any.

let work: string;
let run = 0;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A folder inside this test's folder that no app has written to yet. */
const outdir = () => path.join(work, `out-${run++}`);

/** Every file below `dir`, by path relative to it, with its contents. */
function files(dir: string, prefix = ''): Record<string, string> {
  if (!fs.existsSync(dir)) {
    return {};
  }
  const found: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const name = path.join(prefix, entry.name);
    Object.assign(found, entry.isDirectory() ? files(file, name) : { [name]: fs.readFileSync(file, 'utf-8') });
  }
  return found;
}

interface Outcome {
  readonly files: Record<string, string>;
  readonly error?: string;
  readonly warnings: readonly string[];
}

/** What rendering the app `build` makes through `render` wrote, threw and warned. */
function outcome(build: (outdir: string) => App, render: (app: App) => void): Outcome {
  const dir = outdir();
  const app = build(dir);
  const warnings: ValidationWarning[] = [];
  Warnings.configure(app, { strict: Warnings._strict(app), report: (w) => warnings.push(w) });
  let error: string | undefined;
  try {
    render(app);
  } catch (e) {
    error = (e as Error).message;
  }
  return { files: files(dir), error, warnings: warnings.map((w) => w.message) };
}

/** The synth(app) of the library copy an app was built with, when not the one imported here. */
const synthOf = new WeakMap<App, typeof synth>();

/** Renders two apps `build` makes, through App.synth() and synth(app); both outcomes. */
function bothWays(build: (outdir: string) => App): { cdk8s: Outcome; ours: Outcome } {
  return {
    cdk8s: outcome(build, (app) => app.synth()),
    ours: outcome(build, (app) => (synthOf.get(app) ?? synth)(app)),
  };
}

/** Asserts that both ways write the same files, and some, without error. */
function expectSameFiles(build: (outdir: string) => App): Record<string, string> {
  const { cdk8s, ours } = bothWays(build);
  expect(cdk8s.error).toBeUndefined();
  expect(Object.keys(cdk8s.files).length).toBeGreaterThan(0);
  expect(ours).toEqual(cdk8s);
  return cdk8s.files;
}

/** A deterministic pseudo-random number generator (mulberry32): the same seed, the same app. */
function prng(seed: number): { int(below: number): number; chance(p: number): boolean } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { int: (below) => Math.floor(next() * below), chance: (p) => next() < p };
}

const OUTPUT_TYPES = [
  YamlOutputType.FILE_PER_CHART,
  YamlOutputType.FILE_PER_APP,
  YamlOutputType.FILE_PER_RESOURCE,
  YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
];

/**
 * An app drawn from `seed`: charts with and without a namespace, nested up to two deep, each
 * holding a few of the demo, an EchoServer and its Service, a cdk8s-plus Deployment behind a
 * NodePortService, a plain ApiObject and Included YAML, with dependencies between charts and
 * between constructs. Dependencies only point from a chart to one rendered before it (a nested
 * chart is rendered before its parent) or to an earlier construct of the same chart, so the app
 * has no cycle.
 */
function generatedApp(seed: number, dir: string, props: AppProps = {}): App {
  const random = prng(seed);
  const app = new App({
    outdir: dir,
    outputFileExtension: random.chance(0.5) ? '.yaml' : '.k8s.yaml',
    yamlOutputType: OUTPUT_TYPES[random.int(OUTPUT_TYPES.length)],
    recordConstructMetadata: random.chance(0.2),
    ...props,
  });
  const charts: { chart: Chart; rank: number; constructs: Construct[] }[] = [];
  let rank = 0;
  let nodePort = 30000;
  let services = 0;
  let included = false;
  // Named, since a name cdk8s generates from a path that starts with a digit is no Service name.
  const serviceName = () => `svc-${services++}`;
  const addChart = (scope: Construct, id: string, depth: number): void => {
    const namespace = random.chance(0.6) ? `ns-${seed}-${id.toLowerCase()}` : undefined;
    const chart = new Chart(scope, id, { namespace });
    const entry = { chart, rank: 0, constructs: [] as Construct[] };
    for (let i = random.int(3); i > 0 && depth < 2; i--) {
      addChart(chart, `${id}Nested${i}`, depth + 1);
    }
    entry.rank = rank++;
    for (let i = 0; i < 1 + random.int(4); i++) {
      entry.constructs.push(...addItem(chart, `item${i}`, namespace));
    }
    charts.push(entry);
  };
  const addItem = (chart: Chart, id: string, namespace: string | undefined): Construct[] => {
    switch (random.int(6)) {
      case 0:
        return [new ServiceTypesDemo(chart, id, { namespace: `demo-${seed}-${rank}-${id}`, nodePort: nodePort++ })];
      case 1: {
        const echo = new EchoServer(chart, id, { replicas: 1 + random.int(3) });
        return [echo, new ClusterIpService(chart, `${id}-svc`, { target: echo, port: 80, name: serviceName() })];
      }
      case 2: {
        const web = new kplus.Deployment(chart, id, {
          containers: [{ image: 'nginx', portNumber: 80, securityContext: { ensureNonRoot: false } }],
        });
        return [
          web,
          new NodePortService(chart, `${id}-svc`, { target: web, nodePort: nodePort++, name: serviceName() }),
        ];
      }
      case 3:
        return [new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap', data: { seed: String(seed) } })];
      case 4: {
        // cdk8s reads a file to include in a child process: one Include in every other app.
        if (included || seed % 2 === 0) {
          return [new Construct(chart, id)];
        }
        included = true;
        const file = path.join(path.dirname(dir), `include-${seed}-${rank}-${id}.yaml`);
        const ns = namespace === undefined ? '' : `  namespace: ${namespace}\n`;
        fs.writeFileSync(
          file,
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: included-${rank}-${id}\n${ns}data:\n  a: "1"\n---\n` +
            `apiVersion: v1\nkind: Secret\nmetadata:\n  name: included-${rank}-${id}\n${ns}stringData:\n  b: "2"\n`,
        );
        return [new Include(chart, id, { url: file })];
      }
      default:
        return [new Construct(chart, id)];
    }
  };
  for (let i = 0; i < 1 + random.int(4); i++) {
    // Ids such as `0` and `Chart1` exercise how cdk8s names and orders charts.
    addChart(app, random.chance(0.3) ? String(i) : `Chart${i}`, 0);
  }
  for (let i = random.int(6); i > 0; i--) {
    const from = charts[random.int(charts.length)];
    const to = charts[random.int(charts.length)];
    const source = random.chance(0.5) ? from.chart : from.constructs[random.int(from.constructs.length)];
    if (to.rank < from.rank) {
      source.node.addDependency(random.chance(0.5) ? to.chart : to.constructs[random.int(to.constructs.length)]);
    } else if (to === from && from.constructs.length > 1) {
      const later = 1 + random.int(from.constructs.length - 1);
      from.constructs[later].node.addDependency(from.constructs[random.int(later)]);
    }
  }
  return app;
}

test('the tutorial app writes the same files both ways, numbered in the order of its charts', () => {
  const written = expectSameFiles((dir) => new ServiceTypesApp({ outdir: dir }));
  expect(Object.keys(written).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'dist')).sort());
});

// Each example builds and synthesizes its app when loaded. Loading it afresh (its own copies
// of cdk8s and the library) with App.synth() held back gives its app, which each way then
// renders into its own folder.
describe.each(['production', 'gateway'])('examples/%s', (example) => {
  function loadExample(dir: string): App {
    let app: App | undefined;
    const before = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = dir;
    try {
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports -- a fresh copy of each module */
        const cdk8s: typeof import('cdk8s') = require('cdk8s');
        const held = jest.spyOn(cdk8s.App.prototype, 'synth').mockImplementation(() => undefined);
        require(`../examples/${example}/main`);
        app = held.mock.contexts[0];
        held.mockRestore();
        synthOf.set(app!, (require('../lib') as typeof import('../lib')).synth);
        /* eslint-enable @typescript-eslint/no-require-imports */
      });
    } finally {
      process.env.CDK8S_OUTDIR = before;
      if (before === undefined) {
        delete process.env.CDK8S_OUTDIR;
      }
    }
    return app!;
  }

  test('writes the same files both ways as the committed dist/', () => {
    const written = expectSameFiles(loadExample);
    expect(written).toEqual(files(path.join(ROOT, 'examples', example, 'dist')));
  });
});

describe.each(Array.from({ length: 12 }, (_, i) => i + 1))('generated app, seed %i', (seed) => {
  test('writes the same files both ways', () => {
    expectSameFiles((dir) => generatedApp(seed, dir));
  });
});

describe.each(OUTPUT_TYPES.map((t) => [YamlOutputType[t], t] as const))('output type %s', (_, yamlOutputType) => {
  test('an app with nested charts and dependencies writes the same files both ways', () => {
    expectSameFiles((dir) => generatedApp(12, dir, { yamlOutputType }));
  });
});

// Errors: each app is built broken, the same way twice.
const BROKEN: [string, (app: App, chart: Chart) => void][] = [
  [
    'two objects of one kind, namespace and name in different charts',
    (app, chart) => {
      new ServiceTypesDemo(chart, 'a', { namespace: 'same', nodePort: 30001 });
      new ServiceTypesDemo(new Chart(app, 'other'), 'b', { namespace: 'same', nodePort: 30002 });
    },
  ],
  [
    'a node port claimed twice and an invalid replica count',
    (app, chart) => {
      new ServiceTypesDemo(chart, 'a', { namespace: 'one', nodePort: 30001, replicas: -1 });
      new ServiceTypesDemo(new Chart(app, 'other'), 'b', { namespace: 'two', nodePort: 30001 });
    },
  ],
  ["a validation of the app's own", (_app, chart) => chart.node.addValidation({ validate: () => ['not today'] })],
  [
    'a warning, when warnings are strict',
    (app, chart) => {
      Warnings.configure(app, { strict: true });
      new ClusterIpService(chart, 'svc', { target: new EchoServer(chart, 'echo'), port: 80, selector: { x: 'y' } });
    },
  ],
  [
    'a dependency cycle between charts',
    (app, chart) => {
      const other = new Chart(app, 'other');
      new ApiObject(other, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
      chart.addDependency(other);
      other.addDependency(chart);
    },
  ],
  [
    'a dependency cycle between objects of one chart, which a third depends on',
    (_app, chart) => {
      const [a, b, c] = ['a', 'b', 'c'].map((id) => new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap' }));
      a.addDependency(b);
      b.addDependency(a);
      c.addDependency(a);
    },
  ],
  [
    'an object of a nested chart that depends on an object of its parent',
    (_app, chart) => {
      const parent = new ApiObject(chart, 'parent', { apiVersion: 'v1', kind: 'ConfigMap' });
      new ApiObject(new Chart(chart, 'nested'), 'child', { apiVersion: 'v1', kind: 'ConfigMap' }).addDependency(parent);
    },
  ],
];

describe.each(BROKEN)('an app with %s', (_, breakIt) => {
  test('fails the same way both ways, with the same message and files', () => {
    const { cdk8s, ours } = bothWays((dir) => {
      const app = new App({ outdir: dir });
      breakIt(app, new Chart(app, 'chart'));
      return app;
    });
    expect(cdk8s.error).toBeDefined();
    expect(ours).toEqual(cdk8s);
  });
});

test('warnings are reported once and the same both ways', () => {
  const { cdk8s, ours } = bothWays((dir) => {
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'chart');
    new ClusterIpService(chart, 'svc', { target: new EchoServer(chart, 'echo'), port: 80, selector: { x: 'y' } });
    new Chart(app, 'second');
    return app;
  });
  expect(cdk8s.warnings).toHaveLength(1);
  expect(ours).toEqual(cdk8s);
});

test('a chart that overrides toJson is rendered through it, as App.synth() does', () => {
  class Annotated extends Chart {
    public override toJson(): any[] {
      return super.toJson().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { by: 'toJson' } } }));
    }
  }
  const written = expectSameFiles((dir) => {
    const app = new App({ outdir: dir });
    new ApiObject(new Annotated(app, 'annotated'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    return app;
  });
  expect(Object.values(written)[0]).toContain('by: toJson');
});

test('construct metadata, when asked for, is written the same both ways', () => {
  const written = expectSameFiles((dir) => generatedApp(12, dir, { recordConstructMetadata: true }));
  expect(Object.keys(written)).toContain('construct-metadata.json');
});

test('an app without charts writes nothing both ways', () => {
  const { cdk8s, ours } = bothWays((dir) => new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_APP }));
  expect(cdk8s.files).toEqual({});
  expect(ours).toEqual(cdk8s);
});

test('an output type cdk8s does not define is refused by name, not silently skipped', () => {
  const app = new App({ outdir: outdir(), yamlOutputType: 99 as YamlOutputType });
  new ApiObject(new Chart(app, 'chart'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
  expect(() => synth(app)).toThrow('yamlOutputType 99 is not one this synth knows');
});
