import { App, Chart, Testing } from 'cdk8s';
import { EchoServer, EchoServerProps, RuleInfo, Warnings } from '../lib';
import { only, testApp, testChart, validationErrors } from './support';

/** Adds the constructs under test to a chart in namespace team-a holding an EchoServer. */
export type Build = (chart: Chart, echo: EchoServer) => void;

/** What an app reports: its errors, and the warnings nothing acknowledges, by rule id. */
export interface Outcome {
  readonly errors: string[];
  readonly warnings: { readonly id: string; readonly message: string }[];
}

/** Builds an app (chart namespace team-a, EchoServer 'echo-server' labelled app=echo-server) and collects what it reports. */
export function outcomeOf(build: Build, context: Record<string, unknown> = {}): Outcome {
  const app = testApp();
  Object.entries(context).forEach(([key, value]) => app.node.setContext(key, value));
  Warnings.configure(app, { report: () => undefined });
  const chart = new Chart(app, 'demo', { namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', { name: 'echo-server', selectorLabels: { app: 'echo-server' } });
  build(chart, echo);
  const errors = validationErrors(app);
  const warnings = Warnings.list(app).filter((w) => w.acknowledged === undefined);
  return { errors, warnings: warnings.map((w) => ({ id: w.id, message: w.message })) };
}

/** Another chart of the app that `chart` belongs to. */
export function otherChart(chart: Chart, namespace?: string): Chart {
  return new Chart(chart.node.root as App, `other-${namespace ?? 'none'}`, { namespace });
}

/** One rule in both directions: the nearest input that breaks it and the nearest that keeps it. */
export interface RuleRow {
  readonly rule: RuleInfo;
  /** What the two inputs differ in. */
  readonly change: string;
  readonly rejected: Build;
  /** Parts of the one message the rejected input raises: construct, property, value, what is allowed. */
  readonly parts: readonly string[];
  readonly accepted: Build;
  /** cdk8s context for both builds. @default - none */
  readonly context?: Record<string, unknown>;
}

/** Runs one test pair per row; the row's name cites the rule's Kubernetes source. */
export function testRuleRows(rows: readonly RuleRow[]): void {
  const named = rows.map((r) => [`${r.rule.id}, ${r.change} (${r.rule.source})`, r] as const);
  describe.each(named)('%s', (_name, row) => {
    test(`the nearest input breaking it is one ${row.rule.level}, with construct, property, value and id`, () => {
      const { errors, warnings } = outcomeOf(row.rejected, row.context);
      const isWarning = row.rule.level === 'warning';
      const reported = isWarning ? warnings.map((w) => w.message) : errors;
      expect(reported).toHaveLength(1);
      expect(reported[0]).toContain(`[${row.rule.id}]`);
      row.parts.forEach((part) => expect(reported[0]).toContain(part));
      expect(isWarning ? errors : warnings).toEqual([]);
    });
    test('the nearest input keeping it raises neither error nor warning', () => {
      expect(outcomeOf(row.accepted, row.context)).toEqual({ errors: [], warnings: [] });
    });
  });
}

/** A row of a Kubernetes validation_test.go table, expressed through the constructs' props. */
export type KubernetesRow = readonly [testCase: string, verdict: 'valid' | 'invalid', build: Build];

/** Checks that the constructs refuse exactly the rows Kubernetes refuses. */
export function testKubernetesRows(test: string, rows: readonly KubernetesRow[]): void {
  describe(`rows of ${test}`, () => {
    it.each(rows)('%s: %s', (_case, verdict, build) => {
      const { errors } = outcomeOf(build);
      if (verdict === 'valid') {
        expect(errors).toEqual([]);
      } else {
        expect(errors).not.toEqual([]);
      }
    });
  });
}

/** The errors and warning ids of a chart after `build` adds constructs to it. */
export function outcomeOfChart(chart: Chart, build: () => void): { errors: string[]; warnings: string[] } {
  const app = chart.node.root as App;
  Warnings.configure(app, { report: () => undefined });
  build();
  return { errors: validationErrors(app), warnings: Warnings.list(app).map((w) => w.id) };
}

/** Renders a Service `make` adds next to an EchoServer in a chart of namespace team-a: the Service and Deployment objects. */
export function renderService(make: (chart: Chart, echo: EchoServer) => void, echoProps: EchoServerProps = {}) {
  const { chart } = testChart({ namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', echoProps);
  make(chart, echo);
  const manifests = Testing.synth(chart);
  return { service: only(manifests, 'Service'), deployment: only(manifests, 'Deployment') };
}
