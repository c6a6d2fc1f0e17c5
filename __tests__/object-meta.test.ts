import { Chart } from 'cdk8s';
import { EchoServer, Namespace, NamespaceProps, RuleInfo, Warnings } from '../lib';
import { ANNOTATIONS_SIZE_LIMIT, METADATA_RULES } from '../lib/object-meta';
import { expectOneError, testChart, validationErrors } from './support';

type Build = (chart: Chart) => void;

function errorsOf(build: Build): string[] {
  const { app, chart } = testChart();
  Warnings.configure(app, { report: () => undefined });
  build(chart);
  return validationErrors(app);
}

/** A Namespace with `props`, the simplest object that carries every metadata field but its namespace. */
const ns =
  (props: NamespaceProps): Build =>
  (chart) =>
    new Namespace(chart, 'ns', { name: 'ns', ...props });
const annotated = (annotations: Record<string, string>) => ns({ annotations });
const labelled = (labels: Record<string, string>) => ns({ labels });

const R = METADATA_RULES;
const LIMIT = ANNOTATIONS_SIZE_LIMIT;

// One row per rule: the nearest input that breaks it, what the one error must contain, the
// nearest input that keeps it, and the Kubernetes 1.27 function the row follows.
const ROWS: readonly [RuleInfo, string, Build, readonly string[], Build][] = [
  [
    R.name,
    'ValidateNamespaceName: a DNS-1123 label',
    ns({ name: 'team.a' }),
    ['name "team.a"', 'DNS-1123 label'],
    ns({ name: 'team-a' }),
  ],
  [
    R.name,
    'ValidateNamespaceName: at most 63 characters',
    ns({ name: 'n'.repeat(64) }),
    ['at most 63'],
    ns({ name: 'n'.repeat(63) }),
  ],
  [
    R.name,
    'ValidateDeploymentName: a DNS-1123 subdomain',
    (c) => new EchoServer(c, 'e', { name: 'echo..server' }),
    ["EchoServer 'test/e'", 'name "echo..server"', 'DNS-1123 subdomain'],
    (c) => new EchoServer(c, 'e', { name: 'echo.server' }),
  ],
  [
    R.namespace,
    'ValidateObjectMetaAccessor: ValidateNamespaceName',
    (c) => new EchoServer(c, 'e', { name: 'e', namespace: 'Team' }),
    ['namespace "Team"', 'DNS-1123 label'],
    (c) => new EchoServer(c, 'e', { name: 'e', namespace: 'team' }),
  ],
  [
    R.labelKey,
    'ValidateLabels: IsQualifiedName',
    labelled({ 'bad key': 'x' }),
    ['labels key "bad key"', 'label key'],
    labelled({ 'Good_Key.1': 'x' }),
  ],
  [
    R.labelKey,
    'ValidateLabels: the prefix is a lowercase DNS-1123 subdomain',
    labelled({ 'Example.com/team': 'a' }),
    ['labels key "Example.com/team"', 'DNS-1123 subdomain prefix'],
    labelled({ 'example.com/Team': 'a' }),
  ],
  [
    R.labelValue,
    'ValidateLabels: IsValidLabelValue',
    labelled({ team: '-a-' }),
    ['labels["team"] "-a-"', 'label value'],
    labelled({ team: '' }),
  ],
  [
    R.labelValue,
    'IsValidLabelValue: at most 63 characters',
    labelled({ team: 'a'.repeat(64) }),
    ['label value'],
    labelled({ team: 'a'.repeat(63) }),
  ],
  [
    R.annotationKey,
    'ValidateAnnotations: IsQualifiedName of the lowercased key',
    annotated({ 'cloud provider/type': 'nlb' }),
    ['annotations key "cloud provider/type"', 'label key'],
    annotated({ 'Example.COM/Load-Balancer_Type': 'nlb' }),
  ],
  [
    R.annotationsSize,
    'ValidateAnnotationsSize: TotalAnnotationSizeLimitB',
    annotated({ a: 'b'.repeat(LIMIT) }),
    ['annotations hold 262145 bytes', 'at most 262144'],
    annotated({ a: 'b'.repeat(LIMIT - 1) }),
  ],
  [
    R.annotationsSize,
    'ValidateAnnotationsSize counts UTF-8 bytes',
    annotated({ a: 'é'.repeat(LIMIT / 2) }),
    ['annotations hold 262145 bytes'],
    annotated({ a: 'é'.repeat(LIMIT / 2 - 1) }),
  ],
];

describe('each metadata rule rejects the nearest breaking input and accepts the nearest valid one', () => {
  test.each(ROWS.map((row) => [`${row[0].id} (${row[1]})`, row] as const))(
    '%s',
    (_name, [rule, , broken, parts, kept]) => {
      expectOneError(errorsOf(broken), [...parts, `[${rule.id}]`]);
      expect(errorsOf(kept)).toEqual([]);
    },
  );
});

test('every metadata rule has a row', () => {
  const covered = new Set(ROWS.map((row) => row[0].id));
  expect([...covered].sort()).toEqual(
    Object.values(METADATA_RULES)
      .map((r) => r.id)
      .sort(),
  );
});

// Rows of apimachinery's own tables whose fields the metadata props express:
// [test function, case, the object, accepted?].
const KUBERNETES_ROWS: readonly [string, string, Build, boolean][] = [
  ...[
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'UpperCase123',
  ].map((key): [string, string, Build, boolean] => [
    'TestValidateAnnotations',
    `success: ${key}`,
    annotated({ [key]: 'bar' }),
    true,
  ]),
  ['TestValidateAnnotations', 'success: a value of the limit less one', annotated({ a: 'b'.repeat(LIMIT - 1) }), true],
  [
    'TestValidateAnnotations',
    'success: two values of half the limit less one',
    annotated({ a: 'b'.repeat(LIMIT / 2 - 1), c: 'd'.repeat(LIMIT / 2 - 1) }),
    true,
  ],
  ...['nospecialchars^=@', 'cantendwithadash-', 'only/one/slash', 'a'.repeat(254)].map(
    (key): [string, string, Build, boolean] => [
      'TestValidateAnnotations',
      `name error: ${key.slice(0, 20)}`,
      annotated({ [key]: 'bar' }),
      false,
    ],
  ),
  ['TestValidateAnnotations', 'total size error: one value', annotated({ a: 'b'.repeat(LIMIT) }), false],
  [
    'TestValidateAnnotations',
    'total size error: two values',
    annotated({ a: 'b'.repeat(LIMIT / 2), c: 'd'.repeat(LIMIT / 2) }),
    false,
  ],
  ...['simple', '1-starts-with-num', '1234', 'now.with.dots/simple', '1.2.3.4/5678', 'UpperCaseAreOK123'].map(
    (key): [string, string, Build, boolean] => [
      'TestValidateLabels',
      `success: ${key}`,
      labelled({ [key]: 'bar' }),
      true,
    ],
  ),
  ['TestValidateLabels', 'success: goodvalue', labelled({ goodvalue: '123_-.BaR' }), true],
  ...['nospecialchars^=@', 'cantendwithadash-', 'only/one/slash', 'a'.repeat(254)].map(
    (key): [string, string, Build, boolean] => [
      'TestValidateLabels',
      `name error: ${key.slice(0, 20)}`,
      labelled({ [key]: 'bar' }),
      false,
    ],
  ),
  ['TestValidateLabels', 'value error: toolongvalue', labelled({ toolongvalue: 'a'.repeat(64) }), false],
  [
    'TestValidateLabels',
    'value error: backslashesinvalue',
    labelled({ backslashesinvalue: 'some\\bad\\value' }),
    false,
  ],
  ['TestValidateLabels', 'value error: nocommasallowed', labelled({ nocommasallowed: 'bad,value' }), false],
  ['TestValidateLabels', 'value error: strangecharsinvalue', labelled({ strangecharsinvalue: '?#$notsogood' }), false],
];

describe("apimachinery's metadata validation tables, ported", () => {
  test.each(KUBERNETES_ROWS)('%s: %s', (_test, _case, build, accepted) => {
    const errors = errorsOf(build);
    if (accepted) {
      expect(errors).toEqual([]);
    } else {
      expect(errors.length).toBeGreaterThan(0);
    }
  });
});
