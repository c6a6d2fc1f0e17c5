// The test sequencer of mutation runs keeps only the test files that hold the tests Stryker
// names for a mutant, and every file whenever it cannot be sure; it puts first the files most
// likely to fail soonest, as the mutation test runner stops at the first file that fails.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { filesNamedBy, failedThenQuickest } = require('../scripts/mutation/test-sequencer') as {
  filesNamedBy(pattern: string, filesByTest: Record<string, string[]>): Set<string> | undefined;
  failedThenQuickest<T extends { duration?: number }>(tests: T[], failedLastTime: (test: T) => boolean): T[];
};

/** How Stryker's jest runner names the tests that cover a mutant: escapeRegExp of @stryker-mutator/util, joined. */
const strykerPattern = (names: string[]) =>
  names.map((name) => `(${name.replace(/[.*+\-?^${}()|[\]\\]/g, '\\$&')})`).join('|');

const FILES_BY_TEST: Record<string, string[]> = {
  'ingress refuses a host with a port': ['__tests__/ingress.test.ts'],
  'ingress (a) | b [c] {d} $e ^f +g ?h *i .j \\k': ['__tests__/ingress.test.ts'],
  'services a NodePort Service opens a node port': ['__tests__/services.test.ts'],
  'a name held twice': ['__tests__/gateway.test.ts', '__tests__/services.test.ts'],
};

test.each([
  ['one test', ['ingress refuses a host with a port'], ['__tests__/ingress.test.ts']],
  [
    'tests in two files',
    ['ingress refuses a host with a port', 'services a NodePort Service opens a node port'],
    ['__tests__/ingress.test.ts', '__tests__/services.test.ts'],
  ],
  [
    'a name with every character regular expressions escape',
    ['ingress (a) | b [c] {d} $e ^f +g ?h *i .j \\k'],
    ['__tests__/ingress.test.ts'],
  ],
  ['a name two files hold', ['a name held twice'], ['__tests__/gateway.test.ts', '__tests__/services.test.ts']],
])('%s: the files that hold the named tests', (_, names, files) => {
  expect([...filesNamedBy(strykerPattern(names), FILES_BY_TEST)!].sort()).toEqual(files);
});

test('a name the record does not hold means every file: nothing is left out on a guess', () => {
  expect(
    filesNamedBy(strykerPattern(['ingress refuses a host with a port', 'a test added since']), FILES_BY_TEST),
  ).toBeUndefined();
});

interface TimedFile {
  name: string;
  duration?: number;
  failed: boolean;
}

test.each<[string, TimedFile[], string[]]>([
  [
    'quickest first',
    [
      { name: 'slow', duration: 3000, failed: false },
      { name: 'quick', duration: 100, failed: false },
      { name: 'middle', duration: 500, failed: false },
    ],
    ['quick', 'middle', 'slow'],
  ],
  [
    'the files that failed last time before all others, quickest first among them',
    [
      { name: 'quick', duration: 100, failed: false },
      { name: 'failed slow', duration: 3000, failed: true },
      { name: 'failed quick', duration: 200, failed: true },
    ],
    ['failed quick', 'failed slow', 'quick'],
  ],
  [
    'files never timed after the timed ones, in the order given',
    [
      { name: 'new a', failed: false },
      { name: 'slow', duration: 3000, failed: false },
      { name: 'new b', failed: false },
    ],
    ['slow', 'new a', 'new b'],
  ],
])('test files in a mutation run: %s', (_, files, order) => {
  expect(failedThenQuickest(files, (file) => file.failed).map((file) => file.name)).toEqual(order);
});
