import { ServiceSpec } from '../../imports/k8s';
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

/** The options that only some Service types accept. */
type TypeSpecificOption = Exclude<keyof TypeSpecificOptions, 'internalTrafficPolicy' | 'ipFamilyPolicy' | 'ipFamilies'>;

/** Why a Service type that does not accept an option cannot have it. */
const ONLY: Record<TypeSpecificOption, string> = {
  nodePort: 'only NodePort and LoadBalancer Services open node ports',
  externalTrafficPolicy: 'only NodePort and LoadBalancer Services receive traffic from outside the cluster',
  healthCheckNodePort: 'only LoadBalancer Services with externalTrafficPolicy Local have one',
  loadBalancerSourceRanges: 'only LoadBalancer Services have a load balancer',
  loadBalancerClass: 'only LoadBalancer Services have a load balancer',
  allocateLoadBalancerNodePorts: 'only LoadBalancer Services have a load balancer',
  sessionAffinity: 'a headless Service has no virtual IP that could keep a client on one pod',
  publishNotReadyAddresses: 'it is for the DNS records of headless Services',
};

/** What a selecting Service type renders and accepts. */
export interface ServiceTypeRules {
  /** The public class name used in messages. */
  readonly className: string;
  /** The spec fields that make the type, such as `type` or `clusterIP`. */
  readonly spec: ServiceSpec;
  /** The options of {@link TypeSpecificOptions} this type accepts. */
  readonly accepts: readonly TypeSpecificOption[];
  /** The node port of a single-port Service. */
  readonly singlePortNodePort?: number;
}

const IP_FAMILIES: readonly IpFamily[] = ['IPv4', 'IPv6'];
const TRAFFIC_POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES: readonly IpFamilyPolicy[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

const oneOf = (allowed: readonly string[]) => (v: unknown) =>
  allowed.includes(v as string) ? undefined : `must be one of ${allowed.join(', ')}`;

/**
 * Checks the options every selecting Service accepts, and rejects the options of other
 * types: the props types already rule them out, but JavaScript callers get no such help.
 */
export function checkServiceOptions(problems: Problems, type: ServiceTypeRules, props: TypeSpecificOptions): void {
  for (const option of Object.keys(ONLY) as TypeSpecificOption[]) {
    if (props[option] !== undefined && !type.accepts.includes(option)) {
      problems.check(option, props[option], `is not supported by a ${type.className}: ${ONLY[option]}`);
    }
  }
  const timeout = props.sessionAffinity?.timeoutSeconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 86400)) {
    problems.check('sessionAffinity.timeoutSeconds', timeout, 'must be an integer from 1 to 86400');
  }
  if (props.internalTrafficPolicy !== undefined) {
    problems.check(
      'internalTrafficPolicy',
      props.internalTrafficPolicy,
      oneOf(TRAFFIC_POLICIES)(props.internalTrafficPolicy),
    );
  }
  if (props.externalTrafficPolicy !== undefined) {
    problems.check(
      'externalTrafficPolicy',
      props.externalTrafficPolicy,
      oneOf(TRAFFIC_POLICIES)(props.externalTrafficPolicy),
    );
  }
  if (props.ipFamilyPolicy !== undefined) {
    problems.check('ipFamilyPolicy', props.ipFamilyPolicy, oneOf(IP_FAMILY_POLICIES)(props.ipFamilyPolicy));
  }
  const families = props.ipFamilies;
  if (families !== undefined) {
    families.forEach((f, i) => problems.check(`ipFamilies[${i}]`, f, oneOf(IP_FAMILIES)(f)));
    if (families.length === 0 || families.length > 2 || new Set(families).size !== families.length) {
      problems.check('ipFamilies', families, 'must list one family, or IPv4 and IPv6 once each');
    } else if (families.length === 2 && props.ipFamilyPolicy === undefined) {
      problems.check(
        'ipFamilies',
        families,
        'lists two families: set ipFamilyPolicy to PreferDualStack or RequireDualStack',
      );
    } else if (families.length === 2 && props.ipFamilyPolicy === 'SingleStack') {
      problems.check('ipFamilies', families, 'lists two families but ipFamilyPolicy is SingleStack');
    }
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
    ipFamilies: props.ipFamilies && [...props.ipFamilies],
  };
}
