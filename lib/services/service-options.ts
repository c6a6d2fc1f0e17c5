import { ServiceSpec } from '../../imports/k8s';
import { defineRules } from '../validation/rule-catalog';
import { Problems } from '../validation/problems';

/** Keeps each client on one pod, chosen by the client's IP address. */
export interface ClientIpAffinity {
  /** How long a client stays on its pod after its last connection, 1 to 86400 seconds. @default 10800 (3 hours, the Kubernetes default) */
  readonly timeoutSeconds?: number;
}

/** Where traffic may go: to ready pods on any node, or only on the node that received it. */
export type TrafficPolicy = 'Cluster' | 'Local';

/** How many IP families a Service gets. */
export type IpFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

/** An IP family. */
export type IpFamily = 'IPv4' | 'IPv6';

/** The rules of the Service options that several Service types share. */
export const SERVICE_OPTION_RULES = defineRules('Service', {
  optionType: {
    id: 'service/option-type',
    level: 'error',
    field:
      'spec.externalTrafficPolicy, spec.healthCheckNodePort, spec.loadBalancer*, spec.allocateLoadBalancerNodePorts, spec.ports[].nodePort',
    apiServer:
      'rejects these fields on a Service type that does not use them (ClusterIP, headless), unless they hold their unset value: node port 0, an empty externalTrafficPolicy, no source ranges',
    source:
      'ValidateService (nodePort, loadBalancerSourceRanges, allocateLoadBalancerNodePorts), validateLoadBalancerClassField, validateServiceExternalTrafficPolicy',
  },
  affinityTimeout: {
    id: 'service/session-affinity-timeout',
    level: 'error',
    field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    apiServer: 'rejects a timeout that is not an integer from 1 to 86400 (JSON decoding refuses a fraction)',
    source: 'validateClientIPAffinityConfig, validateAffinityTimeout',
  },
  headlessAffinity: {
    id: 'service/headless-session-affinity',
    level: 'warning',
    field: 'spec.sessionAffinity',
    apiServer:
      'accepts ClientIP affinity on a headless Service, but kube-proxy skips headless Services, so it has no effect',
    source: 'ValidateService accepts it; kube-proxy ShouldSkipService skips clusterIP None',
  },
  trafficPolicy: {
    id: 'service/traffic-policy',
    level: 'error',
    field: 'spec.internalTrafficPolicy, spec.externalTrafficPolicy',
    apiServer:
      'rejects a value other than Cluster or Local; an empty externalTrafficPolicy is unset (SetDefaults_Service makes it Cluster where it applies)',
    source: 'validateServiceInternalTrafficFieldsValue, validateServiceExternalTrafficPolicy',
  },
  ipFamilyPolicy: {
    id: 'service/ip-family-policy',
    level: 'error',
    field: 'spec.ipFamilyPolicy',
    apiServer: 'rejects a value other than SingleStack, PreferDualStack or RequireDualStack',
    source: 'ValidateServiceClusterIPsRelatedFields',
  },
  ipFamilies: {
    id: 'service/ip-families',
    level: 'error',
    field: 'spec.ipFamilies',
    apiServer: 'rejects a family other than IPv4 or IPv6, and a family listed twice; an empty list is unset',
    source: 'ValidateServiceClusterIPsRelatedFields',
  },
  singleStack: {
    id: 'service/ip-families-single-stack',
    level: 'error',
    field: 'spec.ipFamilies',
    apiServer:
      'rejects two families when ipFamilyPolicy is SingleStack, which it also is when unset (except for a headless Service without selector, which defaults to RequireDualStack)',
    source: 'initIPFamilyFields (pkg/registry/core/service/storage/alloc.go)',
  },
});

/**
 * Every option that only some Service types accept, and those all selecting Services share,
 * as a JavaScript caller might pass them to any type. Each is documented on the props of the
 * Service types that accept it.
 */
export interface TypeSpecificOptions {
  readonly nodePort?: number;
  readonly externalTrafficPolicy?: TrafficPolicy;
  readonly healthCheckNodePort?: number;
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly loadBalancerClass?: string;
  readonly allocateLoadBalancerNodePorts?: boolean;
  readonly sessionAffinity?: ClientIpAffinity;
  readonly publishNotReadyAddresses?: boolean;
  readonly internalTrafficPolicy?: TrafficPolicy;
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  readonly ipFamilies?: readonly IpFamily[];
}

/** The options the API server rejects on some Service types. */
type TypeSpecificOption =
  | 'nodePort'
  | 'externalTrafficPolicy'
  | 'healthCheckNodePort'
  | 'loadBalancerSourceRanges'
  | 'loadBalancerClass'
  | 'allocateLoadBalancerNodePorts';

/** What the API server says when a Service type that does not take an option is given it. */
export const ONLY: Record<TypeSpecificOption, string> = {
  nodePort: "may not be used when type is 'ClusterIP': only NodePort and LoadBalancer Services open node ports",
  externalTrafficPolicy: 'may only be set for externally-accessible Services (NodePort, LoadBalancer)',
  healthCheckNodePort: "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'",
  loadBalancerSourceRanges: "may only be used when type is 'LoadBalancer'",
  loadBalancerClass: "may only be used when type is 'LoadBalancer'",
  allocateLoadBalancerNodePorts: "may only be used when type is 'LoadBalancer'",
};

/**
 * Whether the API server sees an option as set. Its plain (non-pointer) fields spell unset as
 * their zero value, so a node port of 0, an empty externalTrafficPolicy and no source ranges
 * are not refused on any type; loadBalancerClass and allocateLoadBalancerNodePorts are
 * pointers, set whenever given.
 */
function isSet(option: TypeSpecificOption, value: unknown): boolean {
  switch (option) {
    case 'nodePort':
    case 'healthCheckNodePort':
      return value !== undefined && value !== 0;
    case 'externalTrafficPolicy':
      return value !== undefined && value !== '';
    case 'loadBalancerSourceRanges':
      return Array.isArray(value) ? value.length > 0 : value !== undefined;
    default:
      return value !== undefined;
  }
}

/** What a selecting Service type renders and accepts. */
export interface ServiceTypeRules {
  /** The public class name used in messages. */
  readonly className: string;
  /** The spec fields that make the type, such as `type` or `clusterIP`. */
  readonly spec: ServiceSpec;
  /** The options of {@link TypeSpecificOptions} that the API server accepts on this type. */
  readonly accepts: readonly TypeSpecificOption[];
  /** The node port of a single-port Service; unused when the Service lists `ports`. */
  readonly singlePortNodePort?: number;
}

const IP_FAMILIES: readonly IpFamily[] = ['IPv4', 'IPv6'];
const TRAFFIC_POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES: readonly IpFamilyPolicy[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

const oneOf = (allowed: readonly string[], value: unknown) =>
  allowed.includes(value as string) ? undefined : `must be one of ${allowed.join(', ')}`;

/** What decides how an unset ipFamilyPolicy is defaulted. */
export interface IpFamilyContext {
  /** A headless Service without selector defaults to RequireDualStack rather than SingleStack. */
  readonly headlessWithoutSelector: boolean;
}

/**
 * Checks the options every selecting Service accepts, and rejects the options the API server
 * rejects on this type: the props types already rule them out, but JavaScript callers get no such help.
 */
export function checkServiceOptions(
  problems: Problems,
  type: ServiceTypeRules,
  props: TypeSpecificOptions,
  context: IpFamilyContext,
): void {
  const rules = SERVICE_OPTION_RULES;
  for (const option of Object.keys(ONLY) as TypeSpecificOption[]) {
    if (isSet(option, props[option]) && !type.accepts.includes(option)) {
      problems.check(rules.optionType, option, props[option], `is not allowed on a ${type.className}: ${ONLY[option]}`);
    }
  }
  const timeout = props.sessionAffinity?.timeoutSeconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 86400)) {
    problems.check(
      rules.affinityTimeout,
      'sessionAffinity.timeoutSeconds',
      timeout,
      'must be an integer from 1 to 86400',
    );
  }
  // internalTrafficPolicy is a pointer, so '' is a value; an empty externalTrafficPolicy is unset.
  for (const key of ['internalTrafficPolicy', 'externalTrafficPolicy'] as const) {
    const policy = props[key];
    if (key === 'internalTrafficPolicy' ? policy !== undefined : isSet(key, policy)) {
      problems.check(rules.trafficPolicy, key, policy, oneOf(TRAFFIC_POLICIES, policy));
    }
  }
  if (props.ipFamilyPolicy !== undefined) {
    problems.check(
      rules.ipFamilyPolicy,
      'ipFamilyPolicy',
      props.ipFamilyPolicy,
      oneOf(IP_FAMILY_POLICIES, props.ipFamilyPolicy),
    );
  }
  const families = props.ipFamilies ?? [];
  families.forEach((f, i) => {
    problems.check(rules.ipFamilies, `ipFamilies[${i}]`, f, oneOf(IP_FAMILIES, f));
    if (families.indexOf(f) < i) {
      problems.check(rules.ipFamilies, `ipFamilies[${i}]`, f, 'repeats another family: list IPv4 and IPv6 once each');
    }
  });
  const policy = props.ipFamilyPolicy ?? (context.headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack');
  if (families.length === 2 && policy === 'SingleStack') {
    problems.check(
      rules.singleStack,
      'ipFamilies',
      families,
      props.ipFamilyPolicy === undefined
        ? 'lists two families, but an unset ipFamilyPolicy means SingleStack: set ipFamilyPolicy to PreferDualStack or RequireDualStack'
        : 'lists two families, but ipFamilyPolicy is SingleStack: set it to PreferDualStack or RequireDualStack',
    );
  }
}

/** The spec fields of the options every selecting Service accepts. */
export function renderServiceOptions(props: TypeSpecificOptions): ServiceSpec {
  const affinity = props.sessionAffinity;
  return {
    sessionAffinity: affinity && 'ClientIP',
    sessionAffinityConfig:
      affinity?.timeoutSeconds === undefined ? undefined : { clientIp: { timeoutSeconds: affinity.timeoutSeconds } },
    internalTrafficPolicy: props.internalTrafficPolicy,
    ipFamilyPolicy: props.ipFamilyPolicy,
    // An empty list is how the API spells unset, so it is left out.
    ipFamilies: props.ipFamilies?.length ? [...props.ipFamilies] : undefined,
    publishNotReadyAddresses: props.publishNotReadyAddresses,
  };
}
