import * as fs from 'fs';

/**
 * One verdict the library gave in a unit test: the objects it judged, as they render with its
 * checks left out, and what it reported.
 */
export interface Verdict {
  /** The test file and test name the verdict was given in. */
  readonly test: string;
  /** `constructs`: the errors of an app's validation; `schema`: the violations of a schema validator. */
  readonly checker: 'constructs' | 'schema';
  readonly problems: readonly string[];
  /** The rendered objects; absent when rendering itself threw. */
  readonly objects?: readonly any[];
}

/** Appends a verdict to the file named by CLUSTER_VERDICTS, when set. */
export function logVerdict(verdict: Omit<Verdict, 'test'>): void {
  const file = process.env.CLUSTER_VERDICTS;
  if (!file) return;
  const { testPath, currentTestName } = expect.getState();
  const test = `${(testPath ?? '').replace(/^.*__tests__\//, '')}: ${currentTestName ?? '(outside a test)'}`;
  fs.appendFileSync(file, `${JSON.stringify({ test, ...verdict })}\n`);
}
