import { IConstruct } from 'constructs';
import { ServiceSpec } from '../../imports/k8s';
import { Problems } from '../validation/problems';
import { SERVICE_OPTION_RULES } from './service-options.rules';

export { SERVICE_OPTION_RULES } from './service-options.rules';

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

/** The options every selecting Service (ClusterIP, NodePort, LoadBalancer, headless) accepts. */
export interface SelectingServiceOptions {
  /** Keep each client on one pod, by client IP. @default - none: every connection may go to any pod */
  readonly sessionAffinity?: ClientIpAffinity;
  /** Whether traffic from inside the cluster may go to pods on other nodes (`Cluster`) or only on the sender's node (`Local`). @default 'Cluster' */
  readonly internalTrafficPolicy?: TrafficPolicy;
  /** Whether the Service gets one IP family or both. @default - SingleStack; RequireDualStack for a headless Service without selector */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /** The IP families of the Service's cluster IPs, primary first; an empty list is the same as none. @default - the cluster's primary family */
  readonly ipFamilies?: readonly IpFamily[];
  /**
   * List pods that are not ready among the endpoints, so that peers can find each other while
   * starting (as StatefulSet members do through a headless Service).
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/** The options of a Service reachable from outside the cluster through node ports: NodePort and LoadBalancer. */
export interface NodePortServiceOptions {
  /** The port opened on every node for the single port, inside the node port range; 0 means unset. @default - chosen by the cluster */
  readonly nodePort?: number;
  /** `Local` sends outside traffic only to pods on the node it arrived at, keeping the client's source IP. @default 'Cluster' */
  readonly externalTrafficPolicy?: TrafficPolicy;
}

/** The options only a LoadBalancer Service accepts. */
export interface LoadBalancerServiceOptions {
  /** The node port the load balancer health-checks, with externalTrafficPolicy `Local` only; 0 means unset. @default - chosen by the cluster */
  readonly healthCheckNodePort?: number;
  /**
   * Client networks allowed through the load balancer, as IPv4 or IPv6 CIDRs. Host bits are
   * masked off by Kubernetes (`10.0.0.1/8` allows `10.0.0.0/8`), which is warned about. The
   * API server also warns about whitespace around an entry, leading zeros in IPv4 octets and
   * IPv6 not written in RFC 5952 canonical form (`2001:db8::/32`, not `2001:DB8:0::/32`).
   * @default - the `service.beta.kubernetes.io/load-balancer-source-ranges` annotation, else any client
   */
  readonly loadBalancerSourceRanges?: readonly string[];
  /**
   * The load balancer implementation to use, a qualified name such as `example.com/internal-vip`
   * (an unprefixed name is valid too).
   * @default - the cloud provider's default
   */
  readonly loadBalancerClass?: string;
  /** Whether node ports are allocated; `false` for load balancers that route to pods directly. @default true */
  readonly allocateLoadBalancerNodePorts?: boolean;
}

/**
 * Every option, as a JavaScript caller might pass it to any Service type: the props types
 * rule out those a type does not accept, JavaScript does not.
 */
export type AnyServiceOptions = SelectingServiceOptions & NodePortServiceOptions & LoadBalancerServiceOptions;

/** The options the API server rejects on some Service types. */
export type TypeSpecificOption = keyof NodePortServiceOptions | keyof LoadBalancerServiceOptions;

/** What the API server says when a Service type that does not take an option is given it. */
export const ONLY: Record<TypeSpecificOption, string> = {
  nodePort: "may not be used when type is 'ClusterIP': only NodePort and LoadBalancer Services open node ports",
  externalTrafficPolicy: 'may only be set for externally-accessible Services (NodePort, LoadBalancer)',
  healthCheckNodePort: "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'",
  loadBalancerSourceRanges: "may only be used when type is 'LoadBalancer'",
  loadBalancerClass: "may only be used when type is 'LoadBalancer'",
  allocateLoadBalancerNodePorts: "may only be used when type is 'LoadBalancer'",
};

/** The type-specific options a NodePort Service accepts. */
export const NODE_PORT_OPTIONS: readonly TypeSpecificOption[] = ['nodePort', 'externalTrafficPolicy'];
/** The type-specific options a LoadBalancer Service accepts: all of them. */
export const LOAD_BALANCER_OPTIONS: readonly TypeSpecificOption[] = [
  ...NODE_PORT_OPTIONS,
  'healthCheckNodePort',
  'loadBalancerSourceRanges',
  'loadBalancerClass',
  'allocateLoadBalancerNodePorts',
];

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

/** Where a Service type's own checks run: the construct, its problems and its resolved ports. */
export interface ServiceTypeCheckContext<Port> {
  /** The Service construct. */
  readonly owner: IConstruct;
  /** Its problems, under the type's class name. */
  readonly problems: Problems;
  /** Its ports, defaults applied. */
  readonly ports: readonly Port[];
}

/**
 * The whole contract of one Service type, stated in its class file: the spec fields that make
 * the type, the options it accepts beyond those of every Service of its kind, the checks and
 * spec fields of its own props, and the defaults it applies; its doc comment names the rule
 * catalogs those checks follow.
 */
export interface ServiceTypeSpec<Props = unknown, Port = unknown> {
  /** The public class name used in messages. */
  readonly className: string;
  /** The spec fields that make the type, such as `type` or `clusterIP`. */
  readonly typeFields: ServiceSpec;
  /** The options of {@link TypeSpecificOption} the API server accepts on this type. */
  readonly accepts: readonly TypeSpecificOption[];
  /** The node port of a single-port Service: a default only types that open node ports have. @default - none */
  readonly singlePortNodePort?: (props: Props) => number | undefined;
  /** The checks of the type's own props, after those every Service of its kind makes. @default - none */
  readonly check?: (context: ServiceTypeCheckContext<Port>, props: Props) => void;
  /** The spec fields rendered from the type's own props. @default - none */
  readonly render?: (props: Props) => ServiceSpec;
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
  type: ServiceTypeSpec<never, never>,
  props: AnyServiceOptions,
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
export function renderServiceOptions(props: SelectingServiceOptions): ServiceSpec {
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
