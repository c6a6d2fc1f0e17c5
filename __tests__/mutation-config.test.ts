import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support';

// `npm run mutation` lists the test files it runs (stryker.config.mjs says why it cannot simply
// take them all). A new test file of the library must join that list, or its tests would
// never count against the mutants it could kill.

/** Test files that load lib/ in process yet stay out of mutation runs, and why. */
const LEFT_OUT: Record<string, string> = {
  snapshots: 'builds its app while jest collects tests',
  'tutorial-parity': 'builds its app in beforeAll',
  'schema-validation': 'runs the CLI and cdk8s synth in child processes',
  'app-bundle': 'runs the bundled app in child processes',
  'synth-command': 'runs npm run synth in child processes',
  'synth-crash': 'kills synths it runs in child processes',
};

/** The quoted strings of the list `key: [...]` in stryker.config.mjs. */
function configList(key: 'testMatch' | 'mutate'): string[] {
  const config = fs.readFileSync(path.join(ROOT, 'stryker.config.mjs'), 'utf-8');
  const list = new RegExp(`${key}: \\[([^\\]]*)\\]`).exec(config);
  expect(list).not.toBeNull();
  return [...list![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

test('every test file that loads lib/, app/ or cli/ in process is in mutation runs, or left out for a reason', () => {
  const loadingLibrary = fs
    .readdirSync(path.join(ROOT, '__tests__'))
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) =>
      /from '\.\.\/(lib|app|cli)(\/[^']*)?'/.test(fs.readFileSync(path.join(ROOT, '__tests__', f), 'utf-8')),
    )
    .map((f) => f.replace(/\.test\.ts$/, ''));
  expect(loadingLibrary.length).toBeGreaterThan(10);
  expect(loadingLibrary.filter((name) => !(name in LEFT_OUT)).sort()).toEqual(configList('testMatch').sort());
});

/** Library files outside mutation runs, and why. */
const NOT_MUTATED: Record<string, string> = {
  'lib/index.ts': 'only re-exports',
  'lib/demo/compose.ts': 'the tutorial app, tested through its rendered manifests',
  'lib/demo/service-types-demo.ts': 'the tutorial app, tested through its rendered manifests',
  'lib/demo/tutorial.ts': 'the tutorial app, tested through its rendered manifests',
  'lib/echo-server.ts': 'not in mutation runs yet',
  'lib/echo-server.rules.ts': 'not in mutation runs yet',
  'lib/namespace.ts': 'not in mutation runs yet',
  'lib/object-meta.ts': 'not in mutation runs yet',
  'lib/object-meta.rules.ts': 'not in mutation runs yet',
  'lib/recommended-labels.ts': 'not in mutation runs yet',
  'lib/service-target.ts': 'not in mutation runs yet',
};

/** Whether `file` matches `pattern`, a file path or a `folder/**\/*.ts` glob. */
const matches = (file: string, pattern: string) =>
  pattern.endsWith('/**/*.ts') ? file.startsWith(pattern.slice(0, -'**/*.ts'.length)) : file === pattern;

test('every library file is mutated, lib/gateway/ and lib/ingress.ts included, or left out for a reason', () => {
  const files = (fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true }) as string[])
    .map((f) => `lib/${f.split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.ts'));
  const patterns = configList('mutate');
  expect(patterns).toEqual(expect.arrayContaining(['lib/gateway/**/*.ts', 'lib/ingress.ts']));
  const unmutated = files.filter((f) => !patterns.some((p) => matches(f, p)));
  expect(unmutated.sort()).toEqual(Object.keys(NOT_MUTATED).sort());
});
