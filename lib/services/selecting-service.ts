import { Construct } from 'constructs';
import { IntOrString, ServicePort, ServiceSpec } from '../../imports/k8s';
import { IServiceTarget, Protocol, ServiceTarget, ServiceTargetLike } from '../service-target';
import { describe } from '../validation/problems';
import { formatPorts, formatValue, labelKey, portName, portNumber, portReference, protocol } from '../validation/rules';
import { ServiceBase, ServiceProps } from './service-base';
import {
  checkServiceOptions,
  ClientIpAffinity,
  IpFamily,
  IpFamilyPolicy,
  renderServiceOptions,
  ServiceTypeRules,
  TrafficPolicy,
} from './service-options';

/** One port of a Service. */
export interface ServicePortOptions {
  /**
   * The port the Service listens on.
   * @default - the target port's number, as `kubectl expose` does: `targetPort` when it is a
   * number, else the number of the container port it names
   */
  readonly port?: number;
  /** The container port, by number or name, that traffic is sent to. @default - the target's port */
  readonly targetPort?: number | string;
  /** The port's protocol. @default 'TCP' */
  readonly protocol?: Protocol;
  /** The port's name, an IANA service name; required when a Service has several ports. @default - unnamed */
  readonly name?: string;
  /** The application protocol, such as `http` or `kubernetes.io/h2c`, a hint for proxies. @default - none */
  readonly appProtocol?: string;
}

/** Properties of a Service that selects pods. */
export interface SelectingServiceProps<P extends ServicePortOptions = ServicePortOptions>
  extends ServiceProps, Omit<ServicePortOptions, 'name'> {
  /**
   * The pods to send traffic to: a workload construct such as an EchoServer, a cdk8s-plus
   * workload, or `ServiceTarget.labels(...)`. A workload must be in the Service's namespace.
   */
  readonly target: ServiceTargetLike;
  /** The labels to select pods by; with a workload target it must be a subset of its pod labels. @default - the target's selector */
  readonly selector?: Readonly<Record<string, string>>;
  /** The name of the single port described by `port`, `targetPort` and `protocol`. @default - unnamed */
  readonly portName?: string;
  /** Several ports, each with its own name; replaces `port`, `targetPort`, `protocol`, `portName` and `appProtocol`. @default - the single port those describe */
  readonly ports?: readonly P[];
  /** Keep each client on one pod, by client IP. @default - none: every connection may go to any pod */
  readonly sessionAffinity?: ClientIpAffinity;
  /** Whether traffic from inside the cluster may go to pods on other nodes (`Cluster`) or only on the sender's node (`Local`). @default 'Cluster' */
  readonly internalTrafficPolicy?: TrafficPolicy;
  /** Whether the Service gets one IP family or both. @default - the cluster's default, SingleStack */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /** The IP families of the Service's cluster IPs, primary first. @default - the cluster's primary family */
  readonly ipFamilies?: readonly IpFamily[];
}

/** A Service port after defaults are applied. */
export interface ResolvedServicePort {
  /** The port the Service listens on. */
  readonly port: number;
  /** The container port traffic is sent to. */
  readonly targetPort: number | string;
  /** The port's protocol. */
  readonly protocol: Protocol;
  /** The port's name. @default - unnamed */
  readonly name?: string;
  /** The application protocol. @default - none */
  readonly appProtocol?: string;
  /** The port on every node. @default - none */
  readonly nodePort?: number;
}

function renderPort(p: ResolvedServicePort): ServicePort {
  const targetPort =
    typeof p.targetPort === 'number' ? IntOrString.fromNumber(p.targetPort) : IntOrString.fromString(p.targetPort);
  return { ...p, targetPort };
}

/** The number behind a targetPort: itself, or the container port it names; undefined when unknown. */
function portNumberOf(targetPort: number | string, target: IServiceTarget): number | undefined {
  if (typeof targetPort === 'number') {
    return targetPort;
  }
  return target.containerPorts?.find((c) => c.name === targetPort)?.containerPort;
}

const SINGLE_PORT_PROPS = ['port', 'targetPort', 'protocol', 'portName', 'appProtocol'] as const;

/**
 * The Service types that route to pods picked by a label selector: ClusterIP, NodePort,
 * LoadBalancer and headless. Selector and ports are derived from the target and checked
 * against it, so a Service cannot point at labels or ports its pods do not have.
 */
export abstract class SelectingService extends ServiceBase {
  /** Which kind of Service this is. */
  public abstract readonly serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';
  /** The labels this Service selects pods by. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The ports this Service exposes, defaults applied. */
  public readonly ports: readonly ResolvedServicePort[];
  private readonly spec: ServiceSpec;
  /** Ports whose number was not given but taken from the targetPort; 0 where it could not be. */
  private readonly derivedPorts = new Set<ResolvedServicePort>();

  protected constructor(
    scope: Construct,
    id: string,
    props: SelectingServiceProps<ServicePortOptions & { readonly nodePort?: number }>,
    type: ServiceTypeRules,
  ) {
    super(scope, id, type.className, props);
    // JavaScript callers get no compile-time check that a target was given.
    const target: IServiceTarget = props.target === undefined ? { selector: {} } : ServiceTarget.of(props.target);
    if (props.target === undefined) {
      this.problems.add(
        'target is required: a workload construct such as an EchoServer, a cdk8s-plus workload, or ServiceTarget.labels(...)',
      );
    }
    this.selector = { ...(props.selector ?? target.selector) };

    const given = props.ports ?? [
      {
        port: props.port,
        targetPort: props.targetPort,
        protocol: props.protocol,
        name: props.portName,
        appProtocol: props.appProtocol,
        nodePort: type.singlePortNodePort,
      },
    ];
    if (props.ports !== undefined) {
      const mixed = SINGLE_PORT_PROPS.filter((key) => props[key] !== undefined);
      if (mixed.length > 0) {
        this.problems.add(`ports cannot be combined with ${mixed.join(', ')}; describe every port in ports`);
      }
      if (props.ports.length === 0) {
        this.problems.check('ports', [], 'must list at least one port');
      }
    }
    this.ports = given.map((p) => {
      const targetPort = p.targetPort ?? target.defaultTargetPort ?? '';
      const port = p.port ?? portNumberOf(targetPort, target);
      const resolved = {
        port: port ?? 0,
        targetPort,
        protocol: p.protocol ?? 'TCP',
        name: p.name,
        appProtocol: p.appProtocol,
        nodePort: p.nodePort,
      };
      if (p.port === undefined) {
        this.derivedPorts.add(resolved);
      }
      return resolved;
    });
    if (props.target !== undefined) {
      this.checkNamespace(target);
      this.checkSelector(target);
      this.ports.forEach((p, i) => this.checkPort(p, this.ports.length > 1 ? `ports[${i}].` : '', target));
    }
    this.checkPortSet();
    checkServiceOptions(this.problems, type, props);
    this.spec = {
      ...type.spec,
      ...renderServiceOptions(props),
      selector: { ...this.selector },
      ports: this.ports.map(renderPort),
    };
  }

  protected renderSpec(): ServiceSpec {
    return this.spec;
  }

  /** A Service selects pods of its own namespace only, so a target elsewhere is never reached. */
  private checkNamespace(target: IServiceTarget): void {
    if (this.namespace !== undefined && target.namespace !== undefined && this.namespace !== target.namespace) {
      this.problems.check(
        'namespace',
        this.namespace,
        `differs from the namespace ${JSON.stringify(target.namespace)} of ${this.targetName(target)}: a Service only selects pods in its own namespace`,
      );
    }
  }

  private checkSelector(target: IServiceTarget): void {
    if (Object.keys(this.selector).length === 0) {
      this.problems.check(
        'selector',
        this.selector,
        'must select at least one label; an empty selector matches no pods',
      );
    }
    this.problems.labels('selector', this.selector);
    const podLabels = target.podLabels;
    if (podLabels === undefined) {
      return;
    }
    for (const [key, value] of Object.entries(this.selector)) {
      if (podLabels[key] !== value) {
        this.problems.check(
          `selector[${JSON.stringify(key)}]`,
          value,
          `does not match the pods of ${this.targetName(target)}, which are labelled ${formatValue(podLabels)}`,
        );
      }
    }
  }

  private checkPort(p: ResolvedServicePort, prefix: string, target: IServiceTarget): void {
    if (!this.derivedPorts.has(p)) {
      this.problems.rule(`${prefix}port`, p.port, portNumber);
    } else if (p.port === 0 && target.containerPorts === undefined && portName(String(p.targetPort)) === undefined) {
      // A derived number is the targetPort's own, or its container port's: both checked elsewhere.
      this.problems.add(
        `${prefix}port is required: targetPort ${formatValue(p.targetPort)} names a port whose number ${this.targetName(target)} does not tell`,
      );
    }
    this.problems.rule(`${prefix}protocol`, p.protocol, protocol);
    if (p.name !== undefined) {
      this.problems.rule(`${prefix}${prefix ? 'name' : 'portName'}`, p.name, portName);
    }
    if (p.appProtocol !== undefined) {
      this.problems.rule(`${prefix}appProtocol`, p.appProtocol, labelKey);
    }
    if (p.targetPort === '') {
      this.problems.add(
        `${prefix}targetPort is required: ${this.targetName(target)} does not say which port its pods listen on`,
      );
      return;
    }
    const invalid = portReference(p.targetPort);
    this.problems.check(`${prefix}targetPort`, p.targetPort, invalid);
    const containerPorts = target.containerPorts;
    if (invalid !== undefined || containerPorts === undefined) {
      return;
    }
    const found = containerPorts.some((c) =>
      typeof p.targetPort === 'number' ? c.containerPort === p.targetPort : c.name === p.targetPort,
    );
    if (!found) {
      const offered = formatPorts(containerPorts.map((c) => ({ number: c.containerPort, name: c.name })));
      this.problems.check(
        `${prefix}targetPort`,
        p.targetPort,
        `is not a port of ${this.targetName(target)}, whose containers expose ${offered}`,
      );
    }
  }

  private checkPortSet(): void {
    if (this.ports.length < 2) {
      return;
    }
    const names = new Set<string>();
    const pairs = new Set<string>();
    this.ports.forEach((p, i) => {
      if (p.name === undefined) {
        this.problems.add(`ports[${i}].name is required: every port needs a name when a Service has several`);
      } else if (names.has(p.name)) {
        this.problems.check(`ports[${i}].name`, p.name, 'is used by another port; port names must be unique');
      }
      names.add(p.name ?? '');
      const pair = `${p.port}/${p.protocol}`;
      if (pairs.has(pair)) {
        this.problems.check(`ports[${i}]`, pair, 'repeats another port and protocol; each pair may appear once');
      }
      pairs.add(pair);
    });
  }

  private targetName(target: IServiceTarget): string {
    return target.workload ? describe(target.workload, target.workload.constructor.name) : 'the target';
  }
}
