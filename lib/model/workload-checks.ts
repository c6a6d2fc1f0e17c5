/*
 * ValidateDeployment and ValidateStatefulSet of Kubernetes 1.27 (pkg/apis/apps/validation) for
 * any Deployment or StatefulSet, whoever built it, after the defaults the API server applies
 * (SetDefaults_Deployment, SetDefaults_StatefulSet, SetDefaults_PodSpec); the rules the JSON
 * schema cannot express. A Deployment's pod template is validated as a pod spec
 * (ValidatePodTemplateSpecForReplicaSet); a StatefulSet's is not, beyond its labels
 * (ValidatePodTemplateSpecForStatefulSet), so its containers are not checked here.
 */
import { ECHO_SERVER_RULES } from '../echo-server.rules';
import { RuleInfo } from '../validation/rule-catalog';
import { dns1123Label, nonNegativeInteger, portName, portNumber, protocol } from '../validation/formats';
import { checkLabels } from './metadata-checks';
import { WORKLOAD_OBJECT_RULES } from './object-check-rules';
import { at, entries, FindingCollector, list } from './object-findings';
import { KubeObject, selectorMatches } from './objects';

const W = WORKLOAD_OBJECT_RULES;

/** Checks a count that must not be negative, when set. */
function nonNegative(c: FindingCollector, rule: RuleInfo, path: string, value: unknown): void {
  if (value !== undefined && value !== null) {
    c.check(
      rule,
      path,
      value,
      typeof value === 'number' ? nonNegativeInteger(value) : 'must be an integer of 0 or more',
    );
  }
}

/** ValidateLabelSelector, and the emptiness and template rules of apps/v1 workloads. */
function checkSelector(c: FindingCollector, spec: Record<string, any>, kind: 'deployment' | 'statefulset'): void {
  const selector = spec.selector;
  const required = kind === 'deployment' ? ECHO_SERVER_RULES.selectorRequired : W.selectorRequired;
  if (selector === undefined || selector === null) {
    c.check(required, 'spec.selector', selector, 'is required');
    return;
  }
  checkLabels(c, 'spec.selector.matchLabels', selector.matchLabels);
  list(selector.matchExpressions).forEach((e: any, i: number) => {
    const path = at('spec.selector.matchExpressions', i);
    const values = list(e?.values);
    if (['In', 'NotIn'].includes(e?.operator)) {
      c.check(
        W.selectorExpression,
        at(path, 'values'),
        e.values,
        values.length === 0 ? `must be specified when \`operator\` is '${e.operator}'` : undefined,
      );
    } else if (['Exists', 'DoesNotExist'].includes(e?.operator)) {
      c.check(
        W.selectorExpression,
        at(path, 'values'),
        e.values,
        values.length > 0 ? `may not be specified when \`operator\` is '${e.operator}'` : undefined,
      );
    } else {
      c.check(
        W.selectorExpression,
        at(path, 'operator'),
        e?.operator,
        'must be one of In, NotIn, Exists, DoesNotExist',
      );
    }
  });
  if (entries(selector.matchLabels).length + list(selector.matchExpressions).length === 0) {
    c.check(required, 'spec.selector', selector, `empty selector is invalid for ${kind}`);
    return;
  }
  const labels = spec.template?.metadata?.labels ?? {};
  if (!selectorMatches(selector, labels)) {
    c.check(
      W.selectorMatchesTemplate,
      'spec.template.metadata.labels',
      labels,
      '`selector` does not match template `labels`',
    );
  }
}

/** ValidatePodTemplateSpecForReplicaSet's container rules, as validateContainers applies them. */
function checkContainers(c: FindingCollector, podSpec: Record<string, any>): void {
  const containers = list(podSpec.containers);
  if (containers.length === 0) {
    c.check(
      W.containers,
      'spec.template.spec.containers',
      podSpec.containers,
      'is required: a pod needs at least one container',
    );
  }
  const names = new Set<string>();
  containers.forEach((container: any, i: number) => {
    const path = at('spec.template.spec.containers', i);
    const name = container?.name;
    if (typeof name !== 'string' || name === '') {
      c.check(ECHO_SERVER_RULES.containerName, at(path, 'name'), name, 'is required');
    } else {
      c.format(ECHO_SERVER_RULES.containerName, at(path, 'name'), name, dns1123Label);
      c.check(
        W.containers,
        at(path, 'name'),
        name,
        names.has(name) ? 'is the name of another container of the pod' : undefined,
      );
      names.add(name);
    }
    if (!container?.image) {
      c.check(
        ECHO_SERVER_RULES.imageRequired,
        at(path, 'image'),
        container?.image,
        'must be a non-empty image reference',
      );
    }
    const portNames = new Set<string>();
    list(container?.ports).forEach((port: any, j: number) => {
      const portPath = at(at(path, 'ports'), j);
      c.check(
        W.containers,
        at(portPath, 'containerPort'),
        port?.containerPort,
        portNumber(Number(port?.containerPort)),
      );
      // SetDefaults_ContainerPort makes an empty protocol TCP.
      if (port?.protocol !== undefined && port.protocol !== null && port.protocol !== '') {
        c.format(W.containers, at(portPath, 'protocol'), port.protocol, protocol);
      }
      if (port?.name !== undefined && port.name !== '') {
        c.format(ECHO_SERVER_RULES.containerPortName, at(portPath, 'name'), port.name, portName);
        c.check(
          W.containers,
          at(portPath, 'name'),
          port.name,
          portNames.has(port.name) ? 'is the name of another port of the container' : undefined,
        );
        portNames.add(port.name);
      }
    });
  });
}

/** The restart policy and deadline every workload's pod template needs. */
function checkRestartPolicy(c: FindingCollector, podSpec: Record<string, any>): void {
  const restartPolicy = podSpec.restartPolicy || 'Always';
  if (restartPolicy !== 'Always') {
    c.check(W.restartPolicy, 'spec.template.spec.restartPolicy', restartPolicy, 'must be Always');
  }
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    c.check(
      W.restartPolicy,
      'spec.template.spec.activeDeadlineSeconds',
      podSpec.activeDeadlineSeconds,
      'must not be specified',
    );
  }
}

/** An int-or-percent of a rolling update (ValidatePositiveIntOrPercent), as a number or percentage. */
function intOrPercent(c: FindingCollector, path: string, value: unknown): number | undefined {
  if (typeof value === 'number') {
    c.check(
      W.strategy,
      path,
      value,
      Number.isInteger(value) && value >= 0 ? undefined : 'must be an integer of 0 or more',
    );
    return value;
  }
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (!match) {
    c.check(W.strategy, path, value, "must be an integer or percentage (e.g '5%')");
    return undefined;
  }
  return Number(match[1]);
}

/** ValidateDeploymentStrategy, after SetDefaults_Deployment (RollingUpdate, 25% and 25%). */
function checkDeploymentStrategy(c: FindingCollector, strategy: Record<string, any>): void {
  const type = strategy.type || 'RollingUpdate';
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      c.check(
        W.strategy,
        'spec.strategy.rollingUpdate',
        strategy.rollingUpdate,
        "may not be specified when strategy `type` is 'Recreate'",
      );
    }
    return;
  }
  if (type !== 'RollingUpdate') {
    c.check(W.strategy, 'spec.strategy.type', type, 'must be one of Recreate, RollingUpdate');
    return;
  }
  const rolling = strategy.rollingUpdate ?? {};
  const unavailablePath = 'spec.strategy.rollingUpdate.maxUnavailable';
  const unavailable = intOrPercent(c, unavailablePath, rolling.maxUnavailable ?? '25%');
  const surge = intOrPercent(c, 'spec.strategy.rollingUpdate.maxSurge', rolling.maxSurge ?? '25%');
  if (typeof rolling.maxUnavailable === 'string' && unavailable !== undefined && unavailable > 100) {
    c.check(W.strategy, unavailablePath, rolling.maxUnavailable, 'must not be greater than 100%');
  }
  if (unavailable === 0 && surge === 0) {
    c.check(W.strategy, unavailablePath, rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0');
  }
}

/** ValidateDeploymentSpec. */
export function checkDeployment(c: FindingCollector, object: KubeObject): void {
  const spec = object.spec ?? {};
  nonNegative(c, ECHO_SERVER_RULES.replicas, 'spec.replicas', spec.replicas);
  checkSelector(c, spec, 'deployment');
  checkLabels(c, 'spec.template.metadata.labels', spec.template?.metadata?.labels);
  const podSpec = spec.template?.spec ?? {};
  checkContainers(c, podSpec);
  checkRestartPolicy(c, podSpec);
  checkDeploymentStrategy(c, spec.strategy ?? {});
  nonNegative(c, W.nonNegative, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(c, W.nonNegative, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number') {
    nonNegative(c, W.nonNegative, 'spec.progressDeadlineSeconds', deadline);
    if (deadline <= (spec.minReadySeconds ?? 0)) {
      c.check(W.progressDeadline, 'spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds');
    }
  }
}

/** ValidateStatefulSetSpec, after SetDefaults_StatefulSet (OrderedReady, RollingUpdate). */
export function checkStatefulSet(c: FindingCollector, object: KubeObject): void {
  const spec = object.spec ?? {};
  const policy = spec.podManagementPolicy || 'OrderedReady';
  if (!['OrderedReady', 'Parallel'].includes(policy)) {
    c.check(W.strategy, 'spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'");
  }
  const strategy = spec.updateStrategy ?? {};
  const type = strategy.type || 'RollingUpdate';
  if (type === 'OnDelete' && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    c.check(
      W.strategy,
      'spec.updateStrategy.rollingUpdate',
      strategy.rollingUpdate,
      "only allowed for updateStrategy 'RollingUpdate'",
    );
  } else if (type === 'RollingUpdate') {
    nonNegative(c, W.strategy, 'spec.updateStrategy.rollingUpdate.partition', strategy.rollingUpdate?.partition);
  } else if (type !== 'OnDelete') {
    c.check(W.strategy, 'spec.updateStrategy.type', type, "must be 'RollingUpdate' or 'OnDelete'");
  }
  nonNegative(c, W.nonNegative, 'spec.replicas', spec.replicas);
  nonNegative(c, W.nonNegative, 'spec.minReadySeconds', spec.minReadySeconds);
  checkSelector(c, spec, 'statefulset');
  checkLabels(c, 'spec.template.metadata.labels', spec.template?.metadata?.labels);
  checkRestartPolicy(c, spec.template?.spec ?? {});
}
