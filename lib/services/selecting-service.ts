import { Construct } from 'constructs';
import { IntOrString, ServicePort, ServiceSpec } from '../../imports/k8s';
import { IServiceTarget, Protocol, ServiceTarget, ServiceTargetLike } from '../service-target';
import { defineRules } from '../validation/rule-catalog';
import { describe } from '../validation/problems';
import {
  dns1123Label,
  formatPorts,
  formatValue,
  labelKey,
  labelValue,
  portNumber,
  portReference,
  protocol,
} from '../validation/rules';
import { ServiceBase, ServiceProps } from './service-base';
import {
  checkServiceOptions,
  ClientIpAffinity,
  IpFamily,
  IpFamilyPolicy,
  renderServiceOptions,
  SERVICE_OPTION_RULES,
  ServiceTypeRules,
  TrafficPolicy,
} from './service-options';

/** The rules of the selector and ports of ClusterIP, NodePort, LoadBalancer and headless Services. */
export const SERVICE_RULES = defineRules('Service', {
  targetRequired: {
    id: 'service/target-required',
    level: 'contract',
    field: 'spec.selector, spec.ports[].targetPort',
    apiServer: 'not an API rule: the props type requires a target, which JavaScript callers can leave out',
    source: 'construct contract: a selecting Service derives its selector and ports from its target',
  },
  singlePortProps: {
    id: 'service/single-port-props-with-ports',
    level: 'contract',
    field: 'spec.ports[]',
    apiServer: 'not an API rule: port, targetPort, protocol, portName and appProtocol describe the single port',
    source: 'construct contract: with ports, each port is described in ports',
  },
  portsRequired: {
    id: 'service/ports-required',
    level: 'error',
    field: 'spec.ports',
    apiServer: 'rejects a Service without ports, unless it is headless (clusterIP None) or ExternalName',
    source: 'ValidateService (spec.ports Required)',
  },
  portRequired: {
    id: 'service/port-required',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects port 0 (unset); the construct takes the number from the target port when it can',
    source: 'validateServicePort, IsValidPortNum',
  },
  portNumber: {
    id: 'service/port-number',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects a port outside 1-65535; JSON decoding refuses a fraction',
    source: 'validateServicePort, IsValidPortNum',
  },
  protocol: {
    id: 'service/protocol',
    level: 'error',
    field: 'spec.ports[].protocol',
    apiServer: 'rejects a protocol other than TCP, UDP or SCTP',
    source: 'validateServicePort (supportedPortProtocols)',
  },
  portName: {
    id: 'service/port-name',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects a name that is not a DNS-1123 label (an IANA service name is not required of Service ports)',
    source: 'validateServicePort, ValidateDNS1123Label',
  },
  portNameRequired: {
    id: 'service/port-name-required',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects an unnamed port when the Service has several',
    source: 'validateServicePort (requireName)',
  },
  portNameUnique: {
    id: 'service/port-name-unique',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects two ports of one name',
    source: 'validateServicePort (allNames, field.Duplicate)',
  },
  portProtocolUnique: {
    id: 'service/port-protocol-unique',
    level: 'error',
    field: 'spec.ports[]',
    apiServer: 'rejects two ports with the same port and protocol',
    source: 'ValidateService (duplicate protocol and port)',
  },
  appProtocol: {
    id: 'service/app-protocol',
    level: 'error',
    field: 'spec.ports[].appProtocol',
    apiServer: 'rejects a value that is not a qualified name, such as http or kubernetes.io/h2c',
    source: 'validateServicePort, ValidateQualifiedName',
  },
  targetPort: {
    id: 'service/target-port',
    level: 'error',
    field: 'spec.ports[].targetPort',
    apiServer:
      'rejects a number outside 1-65535 and a name that is not an IANA service name; 0 or an empty name is unset and becomes the port',
    source: 'validateServicePort, ValidatePortNumOrName; SetDefaults_Service',
  },
  targetPortUndeclared: {
    id: 'service/target-port-undeclared',
    level: 'warning',
    field: 'spec.ports[].targetPort',
    apiServer:
      "accepts a targetPort the target's containers do not declare: a number works only if a container listens on it anyway, a name never resolves",
    source: 'validateServicePort accepts it; the EndpointSlice controller resolves names through podutil.FindPort',
  },
  selectorLabel: {
    id: 'service/selector-label',
    level: 'error',
    field: 'spec.selector',
    apiServer: 'rejects a selector key that is not a label key, or a value that is not a label value',
    source: 'ValidateService, ValidateLabels',
  },
  selectorEmpty: {
    id: 'service/selector-empty',
    level: 'warning',
    field: 'spec.selector',
    apiServer:
      'accepts an empty selector, which selects no pods: the Service gets endpoints only from EndpointSlices written by hand',
    source: 'ValidateService accepts it; the EndpointSlice controller skips Services without selector',
  },
  selectorMatchesNoPods: {
    id: 'service/selector-matches-no-pods',
    level: 'warning',
    field: 'spec.selector',
    apiServer: "accepts a selector that the target workload's pods do not carry; the Service then has no endpoints",
    source: 'ValidateService accepts it; the EndpointSlice controller selects pods by the selector',
  },
  targetNamespace: {
    id: 'service/target-namespace',
    level: 'contract',
    field: 'metadata.namespace',
    apiServer: 'accepts it, but a Service selects pods of its own namespace only, so the target is never reached',
    source: 'construct contract: the target the props name lives in another namespace',
  },
  namespaceImplicit: {
    id: 'service/namespace-implicit',
    level: 'warning',
    field: 'metadata.namespace',
    apiServer:
      "accepts it; with a namespace on only one of the Service and its target, they meet only if kubectl's namespace is the one set",
    source: 'ValidateObjectMeta accepts an unset namespace; kubectl fills in its current namespace',
  },
});

/** One port of a Service. */
export interface ServicePortOptions {
  /**
   * The port the Service listens on.
   * @default - the target port's number, as `kubectl expose` does: `targetPort` when it is a
   * number, else the number of the container port it names
   */
  readonly port?: number;
  /**
   * The container port, by number or name (an IANA service name), that traffic is sent to.
   * 0 and '' mean unset, as in Kubernetes.
   * @default - the target's port; else `port`, as Kubernetes defaults it
   */
  readonly targetPort?: number | string;
  /** The port's protocol. @default 'TCP' */
  readonly protocol?: Protocol;
  /** The port's name, a DNS-1123 label; required when a Service has several ports. @default - unnamed */
  readonly name?: string;
  /** The application protocol, such as `http` or `kubernetes.io/h2c`, a hint for proxies. @default - none */
  readonly appProtocol?: string;
}

/** Properties of a Service that selects pods. */
export interface SelectingServiceProps<P extends ServicePortOptions = ServicePortOptions>
  extends ServiceProps, Omit<ServicePortOptions, 'name'> {
  /**
   * The pods to send traffic to: a workload construct such as an EchoServer, a cdk8s-plus
   * workload, `ServiceTarget.labels(...)`, or `ServiceTarget.withoutSelector()` for endpoints
   * written by hand. A workload must be in the Service's namespace.
   */
  readonly target: ServiceTargetLike;
  /**
   * The labels to select pods by. With a workload target, a selector its pods do not carry is
   * warned about (the Service would have no endpoints).
   * @default - the target's selector
   */
  readonly selector?: Readonly<Record<string, string>>;
  /** The name of the single port described by `port`, `targetPort` and `protocol`, a DNS-1123 label. @default - unnamed */
  readonly portName?: string;
  /**
   * Several ports, each with its own name; replaces `port`, `targetPort`, `protocol`, `portName`
   * and `appProtocol`. Only a headless Service may list none.
   * @default - the single port those describe
   */
  readonly ports?: readonly P[];
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

/** A Service port after defaults are applied. */
export interface ResolvedServicePort {
  /** The port the Service listens on; 0 when it is not known. */
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

/** Kubernetes' spelling of an unset value: 0, or the empty string. */
const unset = <T>(value: T | 0 | ''): T | undefined => (value === 0 || value === '' ? undefined : (value as T));

const SINGLE_PORT_PROPS = ['port', 'targetPort', 'protocol', 'portName', 'appProtocol'] as const;

type GivenPort = ServicePortOptions & { readonly nodePort?: number };

/**
 * The Service types that route to pods picked by a label selector: ClusterIP, NodePort,
 * LoadBalancer and headless. Selector and ports are derived from the target and checked
 * against it, so a Service points at labels and ports its pods have, or says why not.
 *
 * Checks ({@link SERVICE_RULES}, {@link SERVICE_OPTION_RULES}): what `ValidateService` and
 * `validateServicePort` reject is an error; a selector or targetPort the target's pods do not
 * have, an empty selector, and a namespace set on only one of Service and target are warnings.
 */
export abstract class SelectingService extends ServiceBase {
  /** Which kind of Service this is. */
  public abstract readonly serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';
  /** The labels this Service selects pods by; empty for a Service without selector. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The ports this Service exposes, defaults applied. */
  public readonly ports: readonly ResolvedServicePort[];
  private readonly spec: ServiceSpec;

  protected constructor(scope: Construct, id: string, props: SelectingServiceProps<GivenPort>, type: ServiceTypeRules) {
    super(scope, id, type.className, props);
    const rules = SERVICE_RULES;
    // JavaScript callers get no compile-time check that a target was given.
    const target: IServiceTarget = props.target === undefined ? { selector: {} } : ServiceTarget.of(props.target);
    if (props.target === undefined) {
      this.problems.record(
        rules.targetRequired,
        'target is required: a workload construct such as an EchoServer, a cdk8s-plus workload, ServiceTarget.labels(...) or ServiceTarget.withoutSelector()',
      );
    }
    const headless = type.spec.clusterIp === 'None';
    const withoutSelector = props.selector === undefined && target.withoutSelector === true;
    this.selector = { ...(props.selector ?? target.selector) };

    const given: readonly GivenPort[] = props.ports ?? [
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
        this.problems.record(
          rules.singlePortProps,
          `ports cannot be combined with ${mixed.join(', ')}; describe every port in ports`,
        );
      }
      if (props.ports.length === 0 && !headless) {
        this.problems.check(
          rules.portsRequired,
          'ports',
          [],
          'must list at least one port: only a headless Service may have none',
        );
      }
    }
    this.ports = given.map((p, i) => {
      const prefix = given.length > 1 ? `ports[${i}].` : '';
      return this.resolvePort(p, prefix, target, props.target !== undefined, type);
    });
    if (props.target !== undefined) {
      this.checkNamespace(target);
      this.checkSelector(target, withoutSelector);
    }
    this.checkPortSet();
    // The API server's defaulting treats an empty selector as none (initIPFamilyFields).
    const selectorless = withoutSelector || Object.keys(this.selector).length === 0;
    checkServiceOptions(this.problems, type, props, { headlessWithoutSelector: headless && selectorless });
    if (headless && props.sessionAffinity !== undefined) {
      this.problems.check(
        SERVICE_OPTION_RULES.headlessAffinity,
        'sessionAffinity',
        props.sessionAffinity,
        'has no effect on a headless Service: kube-proxy does not handle it, clients connect to pod IPs directly',
      );
    }
    this.spec = {
      ...type.spec,
      ...renderServiceOptions(props),
      selector: withoutSelector ? undefined : { ...this.selector },
      ports: this.ports.length === 0 ? undefined : this.ports.map(renderPort),
    };
  }

  protected renderSpec(): ServiceSpec {
    return this.spec;
  }

  /** Applies Kubernetes' and the target's defaults to one port, and checks it. */
  private resolvePort(
    p: GivenPort,
    prefix: string,
    target: IServiceTarget,
    hasTarget: boolean,
    type: ServiceTypeRules,
  ): ResolvedServicePort {
    const rules = SERVICE_RULES;
    // As SetDefaults_Service does: an unset targetPort is the port.
    const targetPort = unset(p.targetPort) ?? target.defaultTargetPort ?? p.port;
    const port = p.port ?? (targetPort === undefined ? undefined : portNumberOf(targetPort, target));
    const nodePort = unset(p.nodePort);
    const resolved: ResolvedServicePort = {
      port: port ?? 0,
      targetPort: targetPort ?? 0,
      protocol: p.protocol ?? 'TCP',
      name: unset(p.name),
      appProtocol: p.appProtocol,
      nodePort,
    };
    if (nodePort !== undefined && !type.accepts.includes('nodePort')) {
      this.problems.check(
        SERVICE_OPTION_RULES.optionType,
        `${prefix}nodePort`,
        nodePort,
        `is not allowed on a ${type.className}: may not be used when type is 'ClusterIP'`,
      );
    }
    if (p.port !== undefined) {
      this.problems.check(rules.portNumber, `${prefix}port`, p.port, portNumber(p.port));
    }
    this.problems.check(rules.protocol, `${prefix}protocol`, resolved.protocol, protocol(resolved.protocol));
    if (resolved.name !== undefined) {
      this.problems.check(
        rules.portName,
        `${prefix}${prefix ? 'name' : 'portName'}`,
        resolved.name,
        dns1123Label(resolved.name),
      );
    }
    if (p.appProtocol !== undefined) {
      this.problems.check(rules.appProtocol, `${prefix}appProtocol`, p.appProtocol, labelKey(p.appProtocol));
    }
    if (!hasTarget) {
      return resolved;
    }
    if (targetPort === undefined) {
      this.problems.record(
        rules.portRequired,
        `${prefix}port is required: ${this.targetName(target)} does not say which port its pods listen on; set port or targetPort`,
      );
      return resolved;
    }
    const invalid = portReference(targetPort);
    // A targetPort the Service did not set is blamed on what the author did set: the target's port.
    const property =
      unset(p.targetPort) === undefined && target.defaultTargetPort !== undefined
        ? `${prefix}targetPort (not set, so taken from ${target.defaultTargetPortOrigin ?? "the target's default targetPort"})`
        : `${prefix}targetPort`;
    this.problems.check(rules.targetPort, property, targetPort, invalid);
    if (invalid !== undefined) {
      return resolved;
    }
    if (port === undefined) {
      this.problems.record(
        rules.portRequired,
        `${prefix}port is required: targetPort ${formatValue(targetPort)} names a port whose number ${this.targetName(target)} does not tell`,
      );
    }
    this.checkDeclared(targetPort, prefix, target);
    return resolved;
  }

  /** A targetPort the containers do not declare may still work (numbers), or never (names). */
  private checkDeclared(targetPort: number | string, prefix: string, target: IServiceTarget): void {
    const containerPorts = target.containerPorts;
    if (containerPorts === undefined) {
      return;
    }
    const found = containerPorts.some((c) =>
      typeof targetPort === 'number' ? c.containerPort === targetPort : c.name === targetPort,
    );
    if (!found) {
      const offered = formatPorts(containerPorts.map((c) => ({ number: c.containerPort, name: c.name })));
      const consequence =
        typeof targetPort === 'number'
          ? 'traffic reaches the pods only if a container listens on it anyway'
          : 'a port name that no container declares never resolves, so the Service has no endpoints';
      this.problems.check(
        SERVICE_RULES.targetPortUndeclared,
        `${prefix}targetPort`,
        targetPort,
        `is not a port of ${this.targetName(target)}, whose containers expose ${offered || 'no ports'}: ${consequence}`,
      );
    }
  }

  /** A Service selects pods of its own namespace only. */
  private checkNamespace(target: IServiceTarget): void {
    const mine = this.namespace;
    const theirs = target.namespace;
    if (mine !== undefined && theirs !== undefined && mine !== theirs) {
      this.problems.check(
        SERVICE_RULES.targetNamespace,
        'namespace',
        mine,
        `differs from the namespace ${JSON.stringify(theirs)} of ${this.targetName(target)}: a Service only selects pods in its own namespace`,
      );
    } else if (mine === undefined && theirs !== undefined) {
      this.problems.record(
        SERVICE_RULES.namespaceImplicit,
        `namespace is not set, but ${this.targetName(target)} is in namespace ${JSON.stringify(theirs)}: the Service reaches it only when kubectl applies it to that namespace; set namespace`,
      );
    } else if (mine !== undefined && theirs === undefined && target.workload !== undefined) {
      this.problems.record(
        SERVICE_RULES.namespaceImplicit,
        `namespace ${JSON.stringify(mine)} is set, but ${this.targetName(target)} has none: it reaches the pods only when kubectl applies the workload to that namespace; set the workload's namespace`,
      );
    }
  }

  private checkSelector(target: IServiceTarget, withoutSelector: boolean): void {
    for (const [key, value] of Object.entries(this.selector)) {
      this.problems.check(SERVICE_RULES.selectorLabel, 'selector key', key, labelKey(key));
      this.problems.check(SERVICE_RULES.selectorLabel, `selector[${JSON.stringify(key)}]`, value, labelValue(value));
    }
    if (Object.keys(this.selector).length === 0 && !withoutSelector) {
      this.problems.check(
        SERVICE_RULES.selectorEmpty,
        'selector',
        this.selector,
        'selects no pods: the Service has endpoints only if EndpointSlices are written for it; say so with ServiceTarget.withoutSelector()',
      );
    }
    const podLabels = target.podLabels;
    if (podLabels === undefined) {
      return;
    }
    for (const [key, value] of Object.entries(this.selector)) {
      if (podLabels[key] !== value) {
        this.problems.check(
          SERVICE_RULES.selectorMatchesNoPods,
          `selector[${JSON.stringify(key)}]`,
          value,
          `does not match the pods of ${this.targetName(target)}, which are labelled ${formatValue(podLabels)}: the Service selects none of them`,
        );
      }
    }
  }

  private checkPortSet(): void {
    if (this.ports.length < 2) {
      return;
    }
    const rules = SERVICE_RULES;
    const names = new Set<string>();
    const pairs = new Set<string>();
    this.ports.forEach((p, i) => {
      if (p.name === undefined) {
        this.problems.record(
          rules.portNameRequired,
          `ports[${i}].name is required: every port needs a name when a Service has several`,
        );
      } else {
        if (names.has(p.name)) {
          this.problems.check(
            rules.portNameUnique,
            `ports[${i}].name`,
            p.name,
            'is used by another port; port names must be unique',
          );
        }
        names.add(p.name);
      }
      const pair = `${p.port}/${p.protocol}`;
      if (pairs.has(pair)) {
        this.problems.check(
          rules.portProtocolUnique,
          `ports[${i}]`,
          pair,
          'repeats another port and protocol; each pair may appear once',
        );
      }
      pairs.add(pair);
    });
  }

  private targetName(target: IServiceTarget): string {
    return target.workload ? describe(target.workload, target.workload.constructor.name) : 'the target';
  }
}
