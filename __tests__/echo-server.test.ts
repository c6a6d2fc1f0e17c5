import { Chart, Testing } from 'cdk8s';
import { ClusterIpService, ECHO_SERVER_RULES, EchoServer, EchoServerProps, RuleInfo, Warnings } from '../lib';
import { expectApiVerdict, expectOneError, only, testChart, validationErrors } from './support';

function render(props: ConstructorParameters<typeof EchoServer>[2] = {}) {
  const { chart } = testChart({ namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', props);
  return { echo, deployment: only(Testing.synth(chart), 'Deployment') };
}

describe('EchoServer', () => {
  test('defaults: a generated name, the chart namespace, one replica, echoserver on its port 8080', () => {
    const { echo, deployment } = render();
    expect(echo.name).toMatch(/^test-echo-[0-9a-f]{8}$/);
    expect(deployment.metadata).toMatchObject({ name: echo.name, namespace: 'team-a' });
    // A Deployment's replicas default to 1 in Kubernetes too.
    expect(deployment.spec.replicas).toBe(1);
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toEqual({
      name: 'echoserver',
      image: 'registry.k8s.io/echoserver:1.10',
      ports: [{ containerPort: 8080 }],
    });
  });

  test('selects its pods by the recommended name and a generated instance label, on the Deployment too', () => {
    const { echo, deployment } = render();
    const identity = { 'app.kubernetes.io/name': 'echoserver', 'app.kubernetes.io/instance': expect.any(String) };
    expect(deployment.spec.selector.matchLabels).toEqual(identity);
    expect(deployment.metadata.labels).toEqual(identity);
    expect(deployment.spec.template.metadata.labels).toEqual(deployment.spec.selector.matchLabels);
    expect(echo.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  test('two EchoServers in one namespace select disjoint pods', () => {
    const { chart } = testChart({ namespace: 'team-a' });
    new EchoServer(chart, 'a');
    new EchoServer(chart, 'b');
    const [a, b] = Testing.synth(chart).map((d) => d.spec.selector.matchLabels);
    expect(a['app.kubernetes.io/instance']).not.toBe(b['app.kubernetes.io/instance']);
  });

  test('free labels and recommended labels reach the Deployment and pods but never the selector', () => {
    const plain = render({ selectorLabels: { app: 'echo' } }).deployment;
    const labelled = render({
      selectorLabels: { app: 'echo' },
      labels: { tier: 'web' },
      recommendedLabels: { name: 'echo', instance: 'echo-a', version: '1.10', partOf: 'shop', managedBy: 'cdk8s' },
    }).deployment;
    expect(labelled.spec.selector).toEqual(plain.spec.selector);
    expect(labelled.spec.selector.matchLabels).toEqual({ app: 'echo' });
    const objectLabels = {
      tier: 'web',
      'app.kubernetes.io/name': 'echo',
      'app.kubernetes.io/instance': 'echo-a',
      'app.kubernetes.io/version': '1.10',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s',
    };
    expect(labelled.metadata.labels).toEqual(objectLabels);
    expect(labelled.spec.template.metadata.labels).toEqual({ ...objectLabels, app: 'echo' });
  });

  test('a recommended version changes pod labels, not the selector, which Kubernetes keeps immutable', () => {
    const v1 = render({ recommendedLabels: { instance: 'a', version: '1' } }).deployment;
    const v2 = render({ recommendedLabels: { instance: 'a', version: '2' } }).deployment;
    expect(v2.spec.selector).toEqual(v1.spec.selector);
    expect(v2.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2');
  });

  test('with selectorLabels alone, the Deployment object carries no labels', () => {
    const { deployment } = render({ selectorLabels: { app: 'echo-server' } });
    expect(deployment.metadata.labels).toBeUndefined();
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'echo-server' });
  });

  test('adds none of the cdk8s-plus defaults the tutorial does not have', () => {
    const { deployment } = render();
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    const [container] = pod.containers;
    for (const key of [
      'securityContext',
      'resources',
      'startupProbe',
      'readinessProbe',
      'livenessProbe',
      'imagePullPolicy',
    ]) {
      expect(container[key]).toBeUndefined();
    }
  });

  test('non-default props render as documented', () => {
    const { echo, deployment } = render({
      name: 'echo',
      namespace: 'team-a',
      replicas: 0,
      image: 'mirror.example.com/echoserver:1.10',
      containerPortName: 'http',
      containerName: 'web',
      selectorLabels: { app: 'echo' },
    });
    expect(deployment.metadata).toEqual({ name: 'echo', namespace: 'team-a' });
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'mirror.example.com/echoserver:1.10', ports: [{ containerPort: 8080, name: 'http' }] },
    ]);
    expect(echo.defaultTargetPort).toBe('http');
  });
});

type Build = (chart: Chart) => void;

function outcome(build: Build): { errors: string[]; warnings: string[] } {
  const { app, chart } = testChart({ namespace: 'team-a' });
  Warnings.configure(app, { report: () => undefined });
  build(chart);
  return { errors: validationErrors(app), warnings: Warnings.list(app).map((w) => w.message) };
}

/** An EchoServer named `e` with `props`. */
const echo =
  (props: EchoServerProps): Build =>
  (chart) =>
    new EchoServer(chart, 'e', { name: 'e', ...props });

const R = ECHO_SERVER_RULES;

// One row per rule: the nearest input that breaks it, what the one error must contain, the
// nearest input that keeps it, and the Kubernetes 1.27 function the row follows.
const ROWS: readonly [RuleInfo, string, Build, readonly string[], Build][] = [
  [
    R.replicas,
    'ValidateDeploymentSpec: ValidateNonnegativeField',
    echo({ replicas: -1 }),
    ['replicas -1', 'from 0 to 2147483647'],
    echo({ replicas: 0 }),
  ],
  [
    R.replicas,
    'JSON decoding of an int32',
    echo({ replicas: 2 ** 31 }),
    ['replicas 2147483648'],
    echo({ replicas: 2 ** 31 - 1 }),
  ],
  [
    R.replicas,
    'JSON decoding of an int32: no fraction',
    echo({ replicas: 1.5 }),
    ['replicas 1.5', 'an integer'],
    echo({ replicas: 2 }),
  ],
  [
    R.selectorRequired,
    'ValidateDeploymentSpec: empty selector is invalid for deployment',
    echo({ selectorLabels: {} }),
    ['selectorLabels {}', 'at least one label'],
    echo({ selectorLabels: { app: '' } }),
  ],
  [
    R.labelContradictsSelector,
    'contract; ValidatePodTemplateSpecForReplicaSet',
    echo({ selectorLabels: { app: 'a' }, labels: { app: 'b' } }),
    ['labels["app"] "b"', 'contradicts the selector label "a"'],
    echo({ selectorLabels: { app: 'a' }, labels: { app: 'a' } }),
  ],
  [
    R.containerName,
    'validateContainers: ValidateDNS1123Label',
    echo({ containerName: 'web.server' }),
    ['containerName "web.server"', 'DNS-1123 label'],
    echo({ containerName: '1-web' }),
  ],
  [
    R.containerPortName,
    'validateContainerPorts: IsValidPortName',
    echo({ containerPortName: 'a'.repeat(16) }),
    [`containerPortName "${'a'.repeat(16)}"`, 'IANA service name'],
    echo({ containerPortName: 'a'.repeat(15) }),
  ],
  [
    R.imageRequired,
    'validateContainers: image required',
    echo({ image: '' }),
    ['image "" is empty'],
    echo({ image: 'e' }),
  ],
];

// validateContainerPorts checks a port name only when it is not empty, and SetDefaults_Service
// turns an empty targetPort into the port: '' is no name at all.
test('an empty containerPortName is no name: the port is unnamed and Services target it by number', () => {
  const { errors } = outcome((chart) => {
    const server = new EchoServer(chart, 'e', { name: 'e', containerPortName: '' });
    new ClusterIpService(chart, 's', { target: server, port: 80 });
  });
  expect(errors).toEqual([]);
  const { chart } = testChart();
  const server = new EchoServer(chart, 'e', { containerPortName: '' });
  new ClusterIpService(chart, 's', { target: server, port: 80 });
  const manifests = Testing.synth(chart);
  expect(only(manifests, 'Deployment').spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }]);
  expect(only(manifests, 'Service').spec.ports[0].targetPort).toBe(8080);
});

describe('each EchoServer rule rejects the nearest breaking input and accepts the nearest valid one', () => {
  test.each(ROWS.map((row) => [`${row[0].id} (${row[1]})`, row] as const))(
    '%s',
    (_name, [rule, , broken, parts, kept]) => {
      expectOneError(outcome(broken).errors, ["EchoServer 'test/e'", ...parts, `[${rule.id}]`]);
      expect(outcome(kept)).toEqual({ errors: [], warnings: [] });
    },
  );
});

describe('whitespace in the image is a warning: synth passes, Warnings.list shows it, strict fails', () => {
  test.each([
    [
      'leading or trailing (validateContainersOnlyForPod rejects the pods)',
      ' registry.k8s.io/echoserver:1.10',
      'rejects every pod',
    ],
    ['inside (the kubelet cannot parse the reference)', 'echo server:1', 'cannot parse it as an image reference'],
  ])('%s', (_case, image, why) => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    new EchoServer(chart, 'e', { image });
    expect(validationErrors(app)).toEqual([]);
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(Warnings.list(app)).toEqual([
      expect.objectContaining({ id: R.imageWhitespace.id, message: expect.stringContaining(why) }),
    ]);
    Warnings.configure(app, { strict: true });
    expectOneError(validationErrors(app), [`image ${JSON.stringify(image)}`, `[${R.imageWhitespace.id}]`]);
  });

  test('a Deployment name too long for its ReplicaSet names (getNewReplicaSet) warns; one character less does not', () => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    new EchoServer(chart, 'e', { name: 'a'.repeat(243) });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.list(app).map((w) => w.id)).toEqual([R.nameLength.id]);
    expect(Warnings.list(app)[0].message).toContain('is 243 characters long');
    Warnings.configure(app, { strict: true });
    expectOneError(validationErrors(app), [`[${R.nameLength.id}]`]);
    expect(outcome(echo({ name: 'a'.repeat(242) })).warnings).toEqual([
      expect.stringContaining(`[${R.nameDnsLabel.id}]`),
    ]);
  });

  // deploymentStrategy.WarningsOnCreate (1.27) warns when IsDNS1123Label fails on a valid name.
  test.each([
    ['a dot', 'echo.v1', 'echo-v1'],
    ['64 characters', 'a'.repeat(64), 'a'.repeat(63)],
  ])('a Deployment name that is no DNS label (%s) warns; the nearest label does not', (_case, name, label) => {
    const warned = outcome(echo({ name }));
    expect(warned.errors).toEqual([]);
    expect(warned.warnings).toEqual([expect.stringContaining(`name ${JSON.stringify(name)} must be a DNS-1123 label`)]);
    expect(warned.warnings[0]).toContain('hostnames');
    expect(warned.warnings[0]).toContain(`[${R.nameDnsLabel.id}]`);
    expect(outcome(echo({ name: label }))).toEqual({ errors: [], warnings: [] });
  });

  test('an image without whitespace raises none', () => {
    expect(outcome(echo({ image: 'registry.k8s.io/echoserver@sha256:' + 'a'.repeat(64) }))).toEqual({
      errors: [],
      warnings: [],
    });
  });
});

// The API server accepts any non-empty template image (validateContainers); the kubelet fails
// the pods of one it cannot parse (ParseNormalizedNamed) with InvalidImageName: a warning.
describe('an image the kubelet cannot parse is a warning', () => {
  test.each([
    ['a zero-width space', 'registry.k8s.io/echoserver\u200b:1.10', 'U+200B'],
    ['capitals in the repository path', 'registry.k8s.io/EchoServer:1.10', 'must be lowercase'],
  ])('%s warns, naming the image and why', (_case, image, why) => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    new EchoServer(chart, 'e', { image });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.list(app)).toEqual([
      expect.objectContaining({
        id: R.imageReference.id,
        message: expect.stringContaining(`image ${JSON.stringify(image)} has`),
      }),
    ]);
    expect(Warnings.list(app)[0].message).toContain(why);
  });

  test('a registry host with capitals is a valid reference and raises none', () => {
    expect(outcome(echo({ image: 'Registry.K8s.io/echoserver:1.10' }))).toEqual({ errors: [], warnings: [] });
  });
});

test('every EchoServer rule has a row', () => {
  const covered = new Set([
    ...ROWS.map((row) => row[0].id),
    R.imageWhitespace.id,
    R.imageReference.id,
    R.nameLength.id,
    R.nameDnsLabel.id,
  ]);
  expect([...covered].sort()).toEqual(
    Object.values(ECHO_SERVER_RULES)
      .map((r) => r.id)
      .sort(),
  );
});

// Rows of Kubernetes' own tables whose fields the EchoServer props express:
// [test file and function, case name, the EchoServer, accepted?].
const KUBERNETES_ROWS: readonly [string, string, Build, boolean][] = [
  ['apps TestValidateDeployment', 'metadata.name: Required value', echo({ name: '' }), false],
  // The construct puts the selector on the pods itself, so the nearest the props come to this
  // row is a pod label that contradicts the selector.
  [
    'apps TestValidateDeployment',
    '`selector` does not match template `labels`',
    echo({ selectorLabels: { name: 'def' }, labels: { name: 'abc' } }),
    false,
  ],
  ['core TestValidateContainers', 'success: abc', echo({ containerName: 'abc' }), true],
  ['core TestValidateContainers', 'success: 123', echo({ containerName: '123' }), true],
  ['core TestValidateContainers', 'success: abc-123', echo({ containerName: 'abc-123' }), true],
  ['core TestValidateContainers', 'zero-length name', echo({ containerName: '' }), false],
  ['core TestValidateContainers', 'zero-length image', echo({ image: '' }), false],
  ['core TestValidateContainers', 'name > 63 characters', echo({ containerName: 'a'.repeat(64) }), false],
  ['core TestValidateContainers', 'name not a DNS label', echo({ containerName: 'a.b.c' }), false],
  ['core TestValidatePorts', 'success: abc', echo({ containerPortName: 'abc' }), true],
  ['core TestValidatePorts', 'success: easy', echo({ containerPortName: 'easy' }), true],
  ['core TestValidatePorts', 'success: as', echo({ containerPortName: 'as' }), true],
  ['core TestValidatePorts', 'success: do-re-me', echo({ containerPortName: 'do-re-me' }), true],
  ['core TestValidatePorts', 'name > 15 characters', echo({ containerPortName: 'a'.repeat(16) }), false],
  ['core TestValidatePorts', 'name contains invalid characters', echo({ containerPortName: 'a.b.c' }), false],
  ['core TestValidatePorts', 'name is a number', echo({ containerPortName: '80' }), false],
];

describe("Kubernetes' validation tables, ported to the EchoServer", () => {
  test.each(KUBERNETES_ROWS)('%s: %s', (_test, _case, build, accepted) => {
    expectApiVerdict(outcome(build).errors, accepted);
  });
});
