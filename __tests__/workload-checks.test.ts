import { checkObject, KubeObject } from '../lib/model';
import { deployment, IMAGE, statefulSet } from './model-objects';

// The create-time checks of any Deployment or StatefulSet (lib/model/workload-checks.ts). Each
// row names the Kubernetes 1.27 function whose rule it follows (pkg/apis/apps/validation,
// pkg/apis/core/validation); the expected verdicts are what that function refuses or lets through
// after the API server's defaulting (SetDefaults_Deployment, SetDefaults_StatefulSet,
// SetDefaults_PodSpec), not what the checks print.

/** A Deployment whose one container has these ports. */
const withPorts = (ports: unknown[]): KubeObject =>
  deployment({}, { containers: [{ name: 'web', image: IMAGE, ports }] });

/** A Deployment with this rolling update. */
const rolling = (rollingUpdate: Record<string, unknown>): KubeObject => deployment({ strategy: { rollingUpdate } });

/** A Deployment whose selector has these expressions beside `app: web`. */
const expressions = (...matchExpressions: unknown[]): KubeObject =>
  deployment({ selector: { matchLabels: { app: 'web' }, matchExpressions } });

const C0 = 'spec.template.spec.containers[0]';

// [behaviour, Kubernetes function, object, the findings as [rule id, path, what the message must say]]
type Row = [string, string, KubeObject, [string, string, string][]];

// Objects the API server refuses with exactly these errors.
const REFUSED: Row[] = [
  // Counts of a Deployment
  [
    'replicas given as text',
    'ValidateNonnegativeField; int32 JSON decoding refuses a string',
    deployment({ replicas: '3' }),
    [['deployment/replicas', 'spec.replicas', '0 or more']],
  ],
  [
    'a negative minReadySeconds',
    'ValidateDeploymentSpec, ValidateNonnegativeField',
    deployment({ minReadySeconds: -1 }),
    [['workload/non-negative', 'spec.minReadySeconds', '0 or more']],
  ],
  [
    'a negative revisionHistoryLimit',
    'ValidateDeploymentSpec (RevisionHistoryLimit != nil)',
    deployment({ revisionHistoryLimit: -1 }),
    [['workload/non-negative', 'spec.revisionHistoryLimit', '0 or more']],
  ],
  [
    'a negative progressDeadlineSeconds, which is also not above minReadySeconds 0',
    'ValidateDeploymentSpec (ProgressDeadlineSeconds != nil)',
    deployment({ progressDeadlineSeconds: -1 }),
    [
      ['workload/non-negative', 'spec.progressDeadlineSeconds', '0 or more'],
      ['workload/progress-deadline', 'spec.progressDeadlineSeconds', 'greater than minReadySeconds'],
    ],
  ],
  // The pod template of a Deployment
  [
    'a Deployment without template: labels do not match and no container',
    'ValidatePodTemplateSpecForReplicaSet, ValidatePodSpec',
    { ...deployment(), spec: { selector: { matchLabels: { app: 'web' } } } },
    [
      ['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match'],
      ['workload/containers', 'spec.template.spec.containers', 'at least one container'],
    ],
  ],
  [
    'a template without metadata has no labels to match',
    'ValidatePodTemplateSpecForReplicaSet',
    deployment({ template: { spec: { containers: [{ name: 'web', image: IMAGE }] } } }),
    [['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match']],
  ],
  [
    'a template without pod spec has no container',
    'ValidatePodSpec',
    deployment({ template: { metadata: { labels: { app: 'web' } } } }),
    [['workload/containers', 'spec.template.spec.containers', 'at least one container']],
  ],
  [
    'a template label key that is no qualified name',
    'ValidatePodTemplateSpec, ValidateLabels',
    deployment({
      template: { metadata: { labels: { app: 'web', 'a b': 'x' } }, spec: deployment().spec.template.spec },
    }),
    [['metadata/label-key', 'spec.template.metadata.labels', 'label key']],
  ],
  // Containers
  [
    'a container without name',
    'validateContainers (Required name)',
    deployment({}, { containers: [{ image: IMAGE }] }),
    [['deployment/container-name', `${C0}.name`, 'required']],
  ],
  [
    'a container with an empty name',
    'validateContainers (Required name)',
    deployment({}, { containers: [{ name: '', image: IMAGE }] }),
    [['deployment/container-name', `${C0}.name`, 'required']],
  ],
  [
    'a null container decodes to one without name or image',
    'validateContainers',
    deployment({}, { containers: [null] }),
    [
      ['deployment/container-name', `${C0}.name`, 'required'],
      ['deployment/image-required', `${C0}.image`, 'image reference'],
    ],
  ],
  [
    'two containers of one name',
    'validateContainers (Duplicate name)',
    deployment(
      {},
      {
        containers: [
          { name: 'web', image: IMAGE },
          { name: 'web', image: IMAGE },
        ],
      },
    ),
    [['workload/containers', 'spec.template.spec.containers[1].name', 'another container']],
  ],
  // Container ports
  [
    'containerPort 0',
    'validateContainerPorts (ContainerPort == 0 is Required)',
    withPorts([{ containerPort: 0 }]),
    [['workload/containers', `${C0}.ports[0].containerPort`, 'from 1 to 65535']],
  ],
  [
    'a null port decodes to one without containerPort',
    'validateContainerPorts',
    withPorts([null]),
    [['workload/containers', `${C0}.ports[0].containerPort`, 'from 1 to 65535']],
  ],
  [
    'a protocol other than TCP, UDP or SCTP',
    'validateContainerPorts (supportedPortProtocols)',
    withPorts([{ containerPort: 8080, protocol: 'HTTP' }]),
    [['workload/containers', `${C0}.ports[0].protocol`, 'TCP, UDP, SCTP']],
  ],
  [
    'two ports of one container with one name',
    'validateContainerPorts (Duplicate name)',
    withPorts([
      { containerPort: 8080, name: 'http' },
      { containerPort: 8081, name: 'http' },
    ]),
    [['workload/containers', `${C0}.ports[1].name`, 'another port']],
  ],
  // Restart policy and deadline of the pod template
  [
    'activeDeadlineSeconds in a Deployment template',
    'ValidatePodTemplateSpecForReplicaSet (ActiveDeadlineSeconds != nil)',
    deployment({}, { activeDeadlineSeconds: 30 }),
    [['workload/restart-policy', 'spec.template.spec.activeDeadlineSeconds', 'must not be specified']],
  ],
  // Strategy
  [
    'a strategy type other than Recreate or RollingUpdate',
    'ValidateDeploymentStrategy (NotSupported)',
    deployment({ strategy: { type: 'Canary' } }),
    [['workload/strategy', 'spec.strategy.type', 'Recreate, RollingUpdate']],
  ],
  [
    'maxUnavailable above 100%',
    'ValidateRollingUpdateDeployment, IsNotMoreThan100Percent',
    rolling({ maxUnavailable: '101%' }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', 'greater than 100%']],
  ],
  [
    'a percentage with text before it',
    'ValidatePositiveIntOrPercent, IsValidPercent (^[0-9]+%$)',
    rolling({ maxUnavailable: 'a5%' }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', 'percentage']],
  ],
  [
    'a percentage with text after it',
    'ValidatePositiveIntOrPercent, IsValidPercent (^[0-9]+%$)',
    rolling({ maxSurge: '5%x' }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxSurge', 'percentage']],
  ],
  [
    'a list is neither integer nor percentage',
    'IntOrString JSON decoding',
    rolling({ maxUnavailable: ['5%'] }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', 'percentage']],
  ],
  [
    'a negative maxSurge',
    'ValidatePositiveIntOrPercent, ValidateNonnegativeField',
    rolling({ maxSurge: -1 }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxSurge', '0 or more']],
  ],
  [
    'a negative maxUnavailable',
    'ValidatePositiveIntOrPercent, ValidateNonnegativeField',
    rolling({ maxUnavailable: -1 }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', '0 or more']],
  ],
  [
    'a fractional maxUnavailable',
    'IntOrString JSON decoding into int32',
    rolling({ maxUnavailable: 1.5 }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', '0 or more']],
  ],
  [
    "'0%' unavailable and 0 surge",
    'ValidateRollingUpdateDeployment (getIntOrPercentValue of both is 0)',
    rolling({ maxUnavailable: '0%', maxSurge: 0 }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', '`maxSurge` is 0']],
  ],
  [
    "0 unavailable and '0%' surge",
    'ValidateRollingUpdateDeployment (getIntOrPercentValue of both is 0)',
    rolling({ maxUnavailable: 0, maxSurge: '0%' }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', '`maxSurge` is 0']],
  ],
  // StatefulSet
  [
    'OnDelete with a rollingUpdate',
    'ValidateStatefulSetSpec (OnDeleteStatefulSetStrategyType)',
    statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }),
    [['workload/strategy', 'spec.updateStrategy.rollingUpdate', "only allowed for updateStrategy 'RollingUpdate'"]],
  ],
  [
    'an update strategy other than RollingUpdate or OnDelete',
    'ValidateStatefulSetSpec (UpdateStrategy.Type default case)',
    statefulSet({ updateStrategy: { type: 'Canary' } }),
    [['workload/strategy', 'spec.updateStrategy.type', "'RollingUpdate' or 'OnDelete'"]],
  ],
  [
    'a negative partition',
    'validateRollingUpdateStatefulSet, ValidateNonnegativeField',
    statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }),
    [['workload/strategy', 'spec.updateStrategy.rollingUpdate.partition', '0 or more']],
  ],
  [
    'a negative partition of the defaulted RollingUpdate',
    'SetDefaults_StatefulSet, validateRollingUpdateStatefulSet',
    statefulSet({ updateStrategy: { rollingUpdate: { partition: -1 } } }),
    [['workload/strategy', 'spec.updateStrategy.rollingUpdate.partition', '0 or more']],
  ],
  [
    'a negative StatefulSet minReadySeconds',
    'ValidateStatefulSetSpec, ValidateNonnegativeField',
    statefulSet({ minReadySeconds: -1 }),
    [['workload/non-negative', 'spec.minReadySeconds', '0 or more']],
  ],
  [
    'an empty StatefulSet selector',
    'ValidateStatefulSetSpec',
    statefulSet({ selector: {} }),
    [['workload/selector-required', 'spec.selector', 'empty selector is invalid for statefulset']],
  ],
  [
    'a StatefulSet template that restarts OnFailure',
    'ValidateStatefulSetSpec (RestartPolicy != Always)',
    statefulSet({}, { restartPolicy: 'OnFailure' }),
    [['workload/restart-policy', 'spec.template.spec.restartPolicy', 'Always']],
  ],
  [
    'activeDeadlineSeconds in a StatefulSet template',
    'ValidateStatefulSetSpec (ActiveDeadlineSeconds != nil)',
    statefulSet({}, { activeDeadlineSeconds: 10 }),
    [['workload/restart-policy', 'spec.template.spec.activeDeadlineSeconds', 'must not be specified']],
  ],
  [
    'a StatefulSet without template has no labels to match (its pod spec is not validated)',
    'ValidatePodTemplateSpecForStatefulSet',
    { ...statefulSet(), spec: { selector: { matchLabels: { app: 'web' } }, serviceName: 'db' } },
    [['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match']],
  ],
  [
    'a StatefulSet template without metadata',
    'ValidatePodTemplateSpecForStatefulSet',
    statefulSet({ template: { spec: { containers: [{ name: 'db', image: IMAGE }] } } }),
    [['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match']],
  ],
  [
    'a StatefulSet template label value that is no label value',
    'ValidatePodTemplateSpecForStatefulSet, ValidateLabels',
    statefulSet({ template: { metadata: { labels: { app: 'web', tier: 'a b' } }, spec: {} } }),
    [['metadata/label-value', 'spec.template.metadata.labels.tier', 'at most 63']],
  ],
];

// Objects the API server creates (after its defaults).
const ACCEPTED: [string, string, KubeObject][] = [
  ['replicas null, defaulted to 1', 'SetDefaults_Deployment', deployment({ replicas: null })],
  [
    'progressDeadlineSeconds null, defaulted to 600',
    'SetDefaults_Deployment',
    deployment({ progressDeadlineSeconds: null }),
  ],
  [
    'activeDeadlineSeconds null',
    'ValidatePodTemplateSpecForReplicaSet',
    deployment({}, { activeDeadlineSeconds: null }),
  ],
  ['restartPolicy Always', 'ValidatePodTemplateSpecForReplicaSet', deployment({}, { restartPolicy: 'Always' })],
  [
    'Recreate with rollingUpdate null',
    'ValidateDeploymentStrategy',
    deployment({ strategy: { type: 'Recreate', rollingUpdate: null } }),
  ],
  ['maxUnavailable 100%', 'IsNotMoreThan100Percent (value <= 100)', rolling({ maxUnavailable: '100%' })],
  ['maxSurge above 100%', 'IsNotMoreThan100Percent checks maxUnavailable only', rolling({ maxSurge: '200%' })],
  [
    'an integer maxUnavailable above 100',
    'IsNotMoreThan100Percent (percentages only)',
    rolling({ maxUnavailable: 150 }),
  ],
  ['maxUnavailable 0 beside the default maxSurge 25%', 'SetDefaults_Deployment', rolling({ maxUnavailable: 0 })],
  ['maxSurge 0 beside the default maxUnavailable 25%', 'SetDefaults_Deployment', rolling({ maxSurge: 0 })],
  [
    "maxUnavailable 0 and maxSurge '1%'",
    'ValidateRollingUpdateDeployment',
    rolling({ maxUnavailable: 0, maxSurge: '1%' }),
  ],
  ['an empty port name', 'validateContainerPorts (len(Name) > 0)', withPorts([{ containerPort: 8080, name: '' }])],
  [
    'two unnamed ports',
    'validateContainerPorts (names checked when set)',
    withPorts([{ containerPort: 8080 }, { containerPort: 8081 }]),
  ],
  ['a UDP port', 'validateContainerPorts', withPorts([{ containerPort: 53, protocol: 'UDP' }])],
  ['an empty protocol', 'SetDefaults_ContainerPort (TCP)', withPorts([{ containerPort: 8080, protocol: '' }])],
  ['a null protocol', 'SetDefaults_ContainerPort (TCP)', withPorts([{ containerPort: 8080, protocol: null }])],
  [
    'one port name in two containers',
    'validateContainerPorts (names are unique per container)',
    deployment(
      {},
      {
        containers: [
          { name: 'web', image: IMAGE, ports: [{ containerPort: 8080, name: 'http' }] },
          { name: 'proxy', image: IMAGE, ports: [{ containerPort: 8081, name: 'http' }] },
        ],
      },
    ),
  ],
  ['podManagementPolicy Parallel', 'ValidateStatefulSetSpec', statefulSet({ podManagementPolicy: 'Parallel' })],
  ['replicas null on a StatefulSet, defaulted to 1', 'SetDefaults_StatefulSet', statefulSet({ replicas: null })],
  ['OnDelete', 'ValidateStatefulSetSpec', statefulSet({ updateStrategy: { type: 'OnDelete' } })],
  [
    'OnDelete with rollingUpdate null',
    'ValidateStatefulSetSpec (RollingUpdate != nil)',
    statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: null } }),
  ],
  [
    'a RollingUpdate partition',
    'validateRollingUpdateStatefulSet',
    statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }),
  ],
];

// [behaviour, Kubernetes function, object, the selector-expression findings as [path, what the message must say]]
// ValidateLabelSelectorRequirement. Only these findings are compared: for an invalid expression
// the API server also says "invalid label selector" (LabelSelectorAsSelector), which is not modelled.
const EXPRESSIONS: [string, string, KubeObject, [string, string][]][] = [
  [
    'NotIn without values',
    'ValidateLabelSelectorRequirement',
    expressions({ key: 'tier', operator: 'NotIn' }),
    [['spec.selector.matchExpressions[0].values', "'NotIn'"]],
  ],
  [
    'Exists with values',
    'ValidateLabelSelectorRequirement',
    expressions({ key: 'app', operator: 'Exists', values: ['web'] }),
    [['spec.selector.matchExpressions[0].values', "may not be specified when `operator` is 'Exists'"]],
  ],
  [
    'DoesNotExist with values',
    'ValidateLabelSelectorRequirement',
    expressions({ key: 'tier', operator: 'DoesNotExist', values: ['a'] }),
    [['spec.selector.matchExpressions[0].values', "'DoesNotExist'"]],
  ],
  [
    'an unknown operator',
    'ValidateLabelSelectorRequirement (NotSupported)',
    expressions({ key: 'app', operator: 'Matches', values: ['web'] }),
    [['spec.selector.matchExpressions[0].operator', 'In, NotIn, Exists, DoesNotExist']],
  ],
  [
    'no operator',
    'ValidateLabelSelectorRequirement (NotSupported)',
    expressions({ key: 'app' }),
    [['spec.selector.matchExpressions[0].operator', 'In, NotIn, Exists, DoesNotExist']],
  ],
];

// Selectors the API server accepts, and whose template labels match.
const ACCEPTED_EXPRESSIONS: [string, string, KubeObject][] = [
  ['In with values', 'ValidateLabelSelectorRequirement', expressions({ key: 'app', operator: 'In', values: ['web'] })],
  [
    'NotIn with values',
    'ValidateLabelSelectorRequirement',
    expressions({ key: 'app', operator: 'NotIn', values: ['api'] }),
  ],
  ['Exists without values', 'ValidateLabelSelectorRequirement', expressions({ key: 'app', operator: 'Exists' })],
  [
    'Exists with an empty list of values',
    'ValidateLabelSelectorRequirement (len(Values) > 0)',
    expressions({ key: 'app', operator: 'Exists', values: [] }),
  ],
  [
    'DoesNotExist without values',
    'ValidateLabelSelectorRequirement',
    expressions({ key: 'tier', operator: 'DoesNotExist' }),
  ],
  [
    'a StatefulSet selector by expression alone',
    'ValidateStatefulSetSpec',
    statefulSet({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }),
  ],
];

describe.each(REFUSED)('%s (%s)', (_behaviour, _kubernetes, object, expected) => {
  test('is refused with exactly these findings', () => {
    expect(checkObject(object).map((f) => [f.ruleId, f.path])).toEqual(expected.map(([id, path]) => [id, path]));
  });

  test('each finding is an error saying what is wrong or allowed', () => {
    const findings = checkObject(object);
    expect(findings).toHaveLength(expected.length);
    findings.forEach((f, i) => {
      expect(f).toMatchObject({ severity: 'error', kind: object.kind, name: object.metadata.name });
      expect(f.message).toContain(expected[i][2]);
    });
  });
});

test.each(ACCEPTED)('%s is accepted (%s)', (_behaviour, _kubernetes, object) => {
  expect(checkObject(object)).toEqual([]);
});

test.each(EXPRESSIONS)('a selector with %s is refused (%s)', (_behaviour, _kubernetes, object, expected) => {
  const findings = checkObject(object).filter((f) => f.ruleId === 'workload/selector-expression');
  expect(findings.map((f) => f.path)).toEqual(expected.map(([path]) => path));
  findings.forEach((f, i) => expect(f.message).toContain(expected[i][1]));
});

test.each(ACCEPTED_EXPRESSIONS)('a selector with %s is accepted (%s)', (_behaviour, _kubernetes, object) => {
  expect(checkObject(object)).toEqual([]);
});

test('a null selector is required (ValidateDeploymentSpec: Selector == nil)', () => {
  // The API server also finds that the template does not match the nil selector (labels.Nothing()),
  // which the model leaves out; the required selector is what matters.
  const findings = checkObject(deployment({ selector: null }));
  expect(findings.map((f) => [f.ruleId, f.path])).toContainEqual(['deployment/selector-required', 'spec.selector']);
  expect(findings.find((f) => f.ruleId === 'deployment/selector-required')?.message).toContain('required');
});

test('a selector label value is checked where it is (ValidateLabelSelector, ValidateLabels)', () => {
  // The template does not carry tier, and the API server also says "invalid label selector":
  // only the label finding is compared.
  const object = deployment({ selector: { matchLabels: { app: 'web', tier: 'a b' } } });
  const findings = checkObject(object).filter((f) => f.ruleId === 'metadata/label-value');
  expect(findings.map((f) => f.path)).toEqual(['spec.selector.matchLabels.tier']);
});
