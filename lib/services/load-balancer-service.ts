import { Construct } from 'constructs';
import { Problems } from '../validation/problems';
import { cidr, cidrCanonicalForm, cidrHostBits, labelKey } from '../validation/formats';
import { LOAD_BALANCER_RULES } from './load-balancer-service.rules';
import { checkNodePorts } from './node-ports';
import { NodePortOptions } from './node-port-service';
import {
  ResolvedServicePort,
  SelectingService,
  SelectingServiceProps,
  SelectingServiceTypeSpec,
} from './selecting-service';
import { SOURCE_RANGES_ANNOTATION } from './service-base.rules';
import {
  LOAD_BALANCER_OPTIONS,
  LoadBalancerServiceOptions,
  NodePortServiceOptions,
  ServiceTypeCheckContext,
} from './service-options';

export { LOAD_BALANCER_RULES } from './load-balancer-service.rules';

/** The kubelet's port, which a LoadBalancer Service may not expose in Kubernetes 1.27. */
const KUBELET_PORT = 10250;

/** Properties of a {@link LoadBalancerService}. */
export interface LoadBalancerServiceProps
  extends SelectingServiceProps<NodePortOptions>, NodePortServiceOptions, LoadBalancerServiceOptions {}

/**
 * The contract of a LoadBalancer Service: `type: LoadBalancer`; it accepts every
 * type-specific option (node ports, externalTrafficPolicy, healthCheckNodePort, source ranges
 * as the field or the annotation, loadBalancerClass, allocateLoadBalancerNodePorts), each left
 * to the cluster or cloud provider when unset. Checks ({@link LOAD_BALANCER_RULES},
 * {@link NODE_PORT_RULES}): no port 10250; node ports in range and not shared; a
 * healthCheckNodePort only with externalTrafficPolicy `Local`; source ranges that parse as
 * CIDRs, with warnings where Kubernetes masks or rewrites them; a qualified loadBalancerClass.
 */
export const LOAD_BALANCER_SERVICE: SelectingServiceTypeSpec<LoadBalancerServiceProps> = {
  className: 'LoadBalancerService',
  typeFields: { type: 'LoadBalancer' },
  accepts: LOAD_BALANCER_OPTIONS,
  singlePortNodePort: (props) => props.nodePort,
  check: checkLoadBalancer,
  render: (props) => ({
    externalTrafficPolicy: props.externalTrafficPolicy,
    healthCheckNodePort: props.healthCheckNodePort,
    loadBalancerSourceRanges: props.loadBalancerSourceRanges && [...props.loadBalancerSourceRanges],
    loadBalancerClass: props.loadBalancerClass,
    allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
  }),
};

/**
 * A LoadBalancer Service: a NodePort Service fronted by a load balancer that the cloud
 * provider (or `minikube tunnel`) provisions, with an external IP. The usual way to take
 * production traffic from outside the cluster. Cloud-specific settings go in `annotations`.
 * Its contract: {@link LOAD_BALANCER_SERVICE}.
 */
export class LoadBalancerService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'LoadBalancer' as const;

  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(scope, id, props, LOAD_BALANCER_SERVICE);
  }
}

/** The checks of a LoadBalancer Service's own props. */
function checkLoadBalancer(
  context: ServiceTypeCheckContext<ResolvedServicePort>,
  props: LoadBalancerServiceProps,
): void {
  const rules = LOAD_BALANCER_RULES;
  const { problems, ports } = context;
  ports.forEach((p, i) => {
    if (p.port === KUBELET_PORT) {
      problems.check(
        rules.kubeletPort,
        ports.length > 1 ? `ports[${i}].port` : 'port',
        p.port,
        'may not be exposed by a LoadBalancer Service: Kubernetes 1.27 keeps the kubelet port off load balancers',
      );
    }
  });
  // 0 is the API's unset, as for node ports.
  if (
    props.healthCheckNodePort !== undefined &&
    props.healthCheckNodePort !== 0 &&
    props.externalTrafficPolicy !== 'Local'
  ) {
    problems.check(
      rules.healthCheckNodePort,
      'healthCheckNodePort',
      props.healthCheckNodePort,
      "needs externalTrafficPolicy 'Local': with 'Cluster' every node serves traffic and none is health-checked",
    );
  }
  checkNodePorts(context, 'LoadBalancerService', props);
  checkSourceRanges(problems, props);
  if (props.loadBalancerClass !== undefined) {
    problems.check(
      rules.loadBalancerClass,
      'loadBalancerClass',
      props.loadBalancerClass,
      labelKey(props.loadBalancerClass) &&
        "must be a qualified name such as internal-vip or example.com/internal-vip: an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' or '.'",
    );
  }
}

/** The source ranges, as the field or, when the field is empty, the annotation. */
function checkSourceRanges(problems: Problems, props: LoadBalancerServiceProps): void {
  const rules = LOAD_BALANCER_RULES;
  const field = props.loadBalancerSourceRanges ?? [];
  const annotation = props.annotations?.[SOURCE_RANGES_ANNOTATION];
  const property = `annotations[${JSON.stringify(SOURCE_RANGES_ANNOTATION)}]`;
  const checkRange = (where: string, range: string, rule: typeof rules.sourceRange) => {
    problems.check(rule, where, range, cidr(range));
    problems.check(rules.sourceRangeHostBits, where, range, cidrHostBits(range));
  };
  field.forEach((range, i) => {
    const entry = `loadBalancerSourceRanges[${i}]`;
    checkRange(entry, range, rules.sourceRange);
    problems.check(rules.sourceRangeForm, entry, range, cidrCanonicalForm(range));
  });
  if (annotation === undefined) {
    return;
  }
  if (field.length > 0) {
    problems.check(
      rules.sourceRangesAnnotationIgnored,
      property,
      annotation,
      'is ignored because loadBalancerSourceRanges is set; keep one of them',
    );
    return;
  }
  if (annotation.trim() !== '') {
    annotation.split(',').forEach((range) => checkRange(property, range, rules.sourceRangesAnnotation));
  }
}
