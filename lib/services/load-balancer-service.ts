import { Construct } from 'constructs';
import { defineRules } from '../validation/rule-catalog';
import { cidr, cidrCanonicalForm, cidrHostBits, labelKey } from '../validation/rules';
import { checkNodePorts } from './node-ports';
import { NodePortOptions } from './node-port-service';
import { SelectingService, SelectingServiceProps } from './selecting-service';
import { SOURCE_RANGES_ANNOTATION } from './service-base';
import { TrafficPolicy } from './service-options';

/** The kubelet's port, which a LoadBalancer Service may not expose in Kubernetes 1.27. */
const KUBELET_PORT = 10250;

/** The rules of a LoadBalancer Service beyond those of every selecting Service. */
export const LOAD_BALANCER_RULES = defineRules('Service', {
  kubeletPort: {
    id: 'load-balancer/kubelet-port',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects port 10250 on a LoadBalancer Service: it may not expose the kubelet port externally',
    source: 'ValidateService (ports.KubeletPort; the rule was removed in Kubernetes 1.33)',
  },
  healthCheckNodePort: {
    id: 'load-balancer/health-check-node-port',
    level: 'error',
    field: 'spec.healthCheckNodePort',
    apiServer: "rejects a healthCheckNodePort unless externalTrafficPolicy is 'Local'",
    source: 'validateServiceExternalTrafficPolicy (apiservice.NeedsHealthCheck)',
  },
  sourceRange: {
    id: 'load-balancer/source-range',
    level: 'error',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'rejects an entry that, without surrounding spaces, is not an IPv4 or IPv6 CIDR; leading zeros and host bits are accepted',
    source: 'ValidateService, apiservice.GetLoadBalancerSourceRanges, netutils.ParseCIDRSloppy',
  },
  sourceRangeHostBits: {
    id: 'load-balancer/source-range-host-bits',
    level: 'warning',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'accepts a CIDR with host bits set and masks them off, allowing the whole network rather than the address',
    source: 'netutils.ParseCIDRSloppy returns the masked network',
  },
  sourceRangeForm: {
    id: 'load-balancer/source-range-form',
    level: 'warning',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'accepts an entry that Go 1.20 netip.ParsePrefix refuses (whitespace around it, a leading zero in an IPv4 octet) and warns it will be invalid in a future release; warns that an IPv6 entry not in RFC 5952 canonical form may cause controller apply-loops',
    source: 'GetWarningsForService (getWarningsForCIDR); the annotation is not checked',
  },
  sourceRangesAnnotation: {
    id: 'load-balancer/source-ranges-annotation',
    level: 'error',
    field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
    apiServer:
      'rejects a value that is not a comma-separated list of CIDRs (spaces around entries allowed, blank allowed), unless the field is set',
    source: 'ValidateService, apiservice.GetLoadBalancerSourceRanges, netutils.ParseCIDRSloppy',
  },
  sourceRangesAnnotationIgnored: {
    id: 'load-balancer/source-ranges-annotation-ignored',
    level: 'warning',
    field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
    apiServer: 'accepts the annotation next to spec.loadBalancerSourceRanges, and ignores it',
    source: 'apiservice.GetLoadBalancerSourceRanges reads the annotation only when the field is empty',
  },
  loadBalancerClass: {
    id: 'load-balancer/class',
    level: 'error',
    field: 'spec.loadBalancerClass',
    apiServer: 'rejects a value that is not a qualified name; an unprefixed name such as internal is valid',
    source: 'validateLoadBalancerClassField, ValidateQualifiedName',
  },
});

/** Properties of a {@link LoadBalancerService}. */
export interface LoadBalancerServiceProps extends SelectingServiceProps<NodePortOptions> {
  /** The node port behind the load balancer for the single port; 0 means unset. @default - chosen by the cluster */
  readonly nodePort?: number;
  /** `Local` sends traffic only to pods on the node it arrived at, keeping the client's source IP. @default 'Cluster' */
  readonly externalTrafficPolicy?: TrafficPolicy;
  /** The node port the load balancer health-checks, with externalTrafficPolicy `Local` only. @default - chosen by the cluster */
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
 * A LoadBalancer Service: a NodePort Service fronted by a load balancer that the cloud
 * provider (or `minikube tunnel`) provisions, with an external IP. The usual way to take
 * production traffic from outside the cluster. Cloud-specific settings go in `annotations`.
 *
 * Checks ({@link LOAD_BALANCER_RULES}), beyond those of every selecting Service: no port
 * 10250, node ports in range and not shared, a healthCheckNodePort only with
 * externalTrafficPolicy `Local`, source ranges (field or annotation) that parse as CIDRs,
 * and a qualified loadBalancerClass.
 */
export class LoadBalancerService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'LoadBalancer' as const;

  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(scope, id, props, {
      className: 'LoadBalancerService',
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: props.externalTrafficPolicy,
        healthCheckNodePort: props.healthCheckNodePort,
        loadBalancerSourceRanges: props.loadBalancerSourceRanges && [...props.loadBalancerSourceRanges],
        loadBalancerClass: props.loadBalancerClass,
        allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
      },
      accepts: [
        'nodePort',
        'externalTrafficPolicy',
        'healthCheckNodePort',
        'loadBalancerSourceRanges',
        'loadBalancerClass',
        'allocateLoadBalancerNodePorts',
      ],
      singlePortNodePort: props.nodePort,
    });
    const rules = LOAD_BALANCER_RULES;
    this.ports.forEach((p, i) => {
      if (p.port === KUBELET_PORT) {
        this.problems.check(
          rules.kubeletPort,
          this.ports.length > 1 ? `ports[${i}].port` : 'port',
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
      this.problems.check(
        rules.healthCheckNodePort,
        'healthCheckNodePort',
        props.healthCheckNodePort,
        "needs externalTrafficPolicy 'Local': with 'Cluster' every node serves traffic and none is health-checked",
      );
    }
    checkNodePorts(this, 'LoadBalancerService', this.problems, this.ports, props);
    this.checkSourceRanges(props);
    if (props.loadBalancerClass !== undefined) {
      this.problems.check(
        rules.loadBalancerClass,
        'loadBalancerClass',
        props.loadBalancerClass,
        labelKey(props.loadBalancerClass) &&
          "must be a qualified name such as internal-vip or example.com/internal-vip: an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' or '.'",
      );
    }
  }

  private checkSourceRanges(props: LoadBalancerServiceProps): void {
    const rules = LOAD_BALANCER_RULES;
    const field = props.loadBalancerSourceRanges ?? [];
    const annotation = props.annotations?.[SOURCE_RANGES_ANNOTATION];
    const property = `annotations[${JSON.stringify(SOURCE_RANGES_ANNOTATION)}]`;
    field.forEach((range, i) => {
      const entry = `loadBalancerSourceRanges[${i}]`;
      this.checkSourceRange(entry, range, rules.sourceRange);
      this.problems.check(rules.sourceRangeForm, entry, range, cidrCanonicalForm(range));
    });
    if (annotation === undefined) {
      return;
    }
    if (field.length > 0) {
      this.problems.check(
        rules.sourceRangesAnnotationIgnored,
        property,
        annotation,
        'is ignored because loadBalancerSourceRanges is set; keep one of them',
      );
      return;
    }
    if (annotation.trim() !== '') {
      annotation.split(',').forEach((range) => this.checkSourceRange(property, range, rules.sourceRangesAnnotation));
    }
  }

  private checkSourceRange(property: string, range: string, rule: (typeof LOAD_BALANCER_RULES)['sourceRange']): void {
    this.problems.check(rule, property, range, cidr(range));
    this.problems.check(LOAD_BALANCER_RULES.sourceRangeHostBits, property, range, cidrHostBits(range));
  }
}
