import { Construct } from 'constructs';
import { IntOrString, ServicePort, ServiceSpec } from '../../imports/k8s';
import { IServiceTarget, Protocol, ServiceTarget, ServiceTargetLike } from '../service-target';
import { describe, Problems } from '../validation/problems';
import {
  dns1123Label,
  formatPorts,
  formatValue,
  labelKey,
  labelValue,
  portNumber,
  portReference,
  protocol,
} from '../validation/formats';
import { ServiceBase, ServiceProps } from './service-base';
import {
  checkServiceOptions,
  renderServiceOptions,
  SelectingServiceOptions,
  SERVICE_OPTION_RULES,
  ServiceTypeSpec,
} from './service-options';
import { SERVICE_RULES } from './selecting-service.rules';

export { SERVICE_RULES } from './selecting-service.rules';

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
  extends ServiceProps, SelectingServiceOptions, Omit<ServicePortOptions, 'name'> {
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

/** The Service types that select pods. */
export type SelectingServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';

/** The contract of a selecting Service type: its {@link ServiceTypeSpec}, over its own props. */
export type SelectingServiceTypeSpec<Props> = ServiceTypeSpec<Props, ResolvedServicePort>;

type GivenPort = ServicePortOptions & { readonly nodePort?: number };

/** One port as given and as resolved, with the prefix of its props in messages. */
interface PortResolution {
  readonly given: GivenPort;
  readonly resolved: ResolvedServicePort;
  /** `ports[1].` for one of several ports; '' for a single port described by the Service's props. */
  readonly prefix: string;
  /** The targetPort after defaults; undefined when neither the Service nor its target tells it. */
  readonly targetPort?: number | string;
  /** The port number after defaults; undefined when nothing tells it. */
  readonly port?: number;
}

/** A selecting Service's props with defaults applied, before any check. */
interface ResolvedSelectingService {
  readonly target: IServiceTarget;
  readonly hasTarget: boolean;
  readonly headless: boolean;
  /** No selector is rendered: the target says so, and no selector was given. */
  readonly withoutSelector: boolean;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly PortResolution[];
}

const SINGLE_PORT_PROPS = ['port', 'targetPort', 'protocol', 'portName', 'appProtocol'] as const;

/** Kubernetes' spelling of an unset value: 0, or the empty string. */
const unset = <T>(value: T | 0 | ''): T | undefined => (value === 0 || value === '' ? undefined : (value as T));

/** The number behind a targetPort: itself, or the container port it names; undefined when unknown. */
function portNumberOf(targetPort: number | string, target: IServiceTarget): number | undefined {
  if (typeof targetPort === 'number') {
    return targetPort;
  }
  return target.containerPorts?.find((c) => c.name === targetPort)?.containerPort;
}

/** Applies Kubernetes' and the target's defaults to the props: the first step, before any check. */
function resolveSelectingService<P extends GivenPort>(
  props: SelectingServiceProps<P>,
  type: SelectingServiceTypeSpec<never>,
  singlePortNodePort: number | undefined,
): ResolvedSelectingService {
  // JavaScript callers get no compile-time check that a target was given.
  const target: IServiceTarget = props.target === undefined ? { selector: {} } : ServiceTarget.of(props.target);
  const given: readonly GivenPort[] = props.ports ?? [
    {
      port: props.port,
      targetPort: props.targetPort,
      protocol: props.protocol,
      name: props.portName,
      appProtocol: props.appProtocol,
      nodePort: singlePortNodePort,
    },
  ];
  return {
    target,
    hasTarget: props.target !== undefined,
    headless: type.typeFields.clusterIp === 'None',
    withoutSelector: props.selector === undefined && target.withoutSelector === true,
    selector: { ...(props.selector ?? target.selector) },
    ports: given.map((p, i) => resolvePort(p, given.length > 1 ? `ports[${i}].` : '', target)),
  };
}

/** One port with defaults applied: an unset targetPort is the target's, else the port (SetDefaults_Service). */
function resolvePort(given: GivenPort, prefix: string, target: IServiceTarget): PortResolution {
  const targetPort = unset(given.targetPort) ?? target.defaultTargetPort ?? given.port;
  const port = given.port ?? (targetPort === undefined ? undefined : portNumberOf(targetPort, target));
  return {
    given,
    prefix,
    targetPort,
    port,
    resolved: {
      port: port ?? 0,
      targetPort: targetPort ?? 0,
      protocol: given.protocol ?? 'TCP',
      name: unset(given.name),
      appProtocol: given.appProtocol,
      nodePort: unset(given.nodePort),
    },
  };
}

function renderPort(p: ResolvedServicePort): ServicePort {
  const targetPort =
    typeof p.targetPort === 'number' ? IntOrString.fromNumber(p.targetPort) : IntOrString.fromString(p.targetPort);
  return { ...p, targetPort };
}

/**
 * The Service types that route to pods picked by a label selector: ClusterIP, NodePort,
 * LoadBalancer and headless. Selector and ports are derived from the target and checked
 * against it, so a Service points at labels and ports its pods have, or says why not.
 *
 * Each type's file states its contract as a {@link ServiceTypeSpec}; this class resolves the
 * defaults, makes the checks every selecting Service makes, runs the type's own checks, and
 * renders the spec, in that order.
 *
 * Checks ({@link SERVICE_RULES}, {@link SERVICE_OPTION_RULES}): what `ValidateService` and
 * `validateServicePort` reject is an error; a selector or targetPort the target's pods do not
 * have, an empty selector, and a namespace set on only one of Service and target are warnings.
 */
export abstract class SelectingService extends ServiceBase {
  /** Which kind of Service this is. */
  public abstract readonly serviceType: SelectingServiceType;
  /** The labels this Service selects pods by; empty for a Service without selector. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The ports this Service exposes, defaults applied. */
  public readonly ports: readonly ResolvedServicePort[];
  private readonly spec: ServiceSpec;

  protected constructor(
    scope: Construct,
    id: string,
    props: SelectingServiceProps<GivenPort>,
    type: SelectingServiceTypeSpec<never>,
  ) {
    super(scope, id, type, props);
    // Each subclass passes the contract of its own props type together with those props.
    const typeSpec = type as SelectingServiceTypeSpec<typeof props>;
    const resolved = resolveSelectingService(props, type, typeSpec.singlePortNodePort?.(props));
    this.selector = resolved.selector;
    this.ports = resolved.ports.map((p) => p.resolved);

    new SelectingServiceChecks(this.problems, type, resolved, this.namespace, this.ports).check(props);
    typeSpec.check?.({ owner: this, problems: this.problems, ports: this.ports }, props);

    this.spec = {
      ...type.typeFields,
      ...typeSpec.render?.(props),
      ...renderServiceOptions(props),
      selector: resolved.withoutSelector ? undefined : { ...this.selector },
      ports: this.ports.length === 0 ? undefined : this.ports.map(renderPort),
    };
  }

  protected renderSpec(): ServiceSpec {
    return this.spec;
  }
}

/** The checks every selecting Service makes, on its props with defaults applied. */
class SelectingServiceChecks {
  constructor(
    private readonly problems: Problems,
    private readonly type: SelectingServiceTypeSpec<never>,
    private readonly service: ResolvedSelectingService,
    private readonly namespace: string | undefined,
    private readonly ports: readonly ResolvedServicePort[],
  ) {}

  public check(props: SelectingServiceProps<GivenPort>): void {
    const { headless, hasTarget, target, withoutSelector } = this.service;
    if (!hasTarget) {
      this.problems.record(
        SERVICE_RULES.targetRequired,
        'target is required: a workload construct such as an EchoServer, a cdk8s-plus workload, ServiceTarget.labels(...) or ServiceTarget.withoutSelector()',
      );
    }
    if (props.ports !== undefined) {
      const mixed = SINGLE_PORT_PROPS.filter((key) => props[key] !== undefined);
      if (mixed.length > 0) {
        this.problems.record(
          SERVICE_RULES.singlePortProps,
          `ports cannot be combined with ${mixed.join(', ')}; describe every port in ports`,
        );
      }
      if (props.ports.length === 0 && !headless) {
        this.problems.check(
          SERVICE_RULES.portsRequired,
          'ports',
          [],
          'must list at least one port: only a headless Service may have none',
        );
      }
    }
    this.service.ports.forEach((p) => this.checkPort(p));
    if (hasTarget) {
      this.checkNamespace(target);
      this.checkSelector(target, withoutSelector);
    }
    this.checkPortSet();
    // The API server's defaulting treats an empty selector as none (initIPFamilyFields).
    const selectorless = withoutSelector || Object.keys(this.service.selector).length === 0;
    checkServiceOptions(this.problems, this.type, props, { headlessWithoutSelector: headless && selectorless });
  }

  /** Checks one port, given and resolved. */
  private checkPort({ given, resolved, prefix, targetPort, port }: PortResolution): void {
    const rules = SERVICE_RULES;
    const { target, hasTarget } = this.service;
    if (resolved.nodePort !== undefined && !this.type.accepts.includes('nodePort')) {
      this.problems.check(
        SERVICE_OPTION_RULES.optionType,
        `${prefix}nodePort`,
        resolved.nodePort,
        `is not allowed on a ${this.type.className}: may not be used when type is 'ClusterIP'`,
      );
    }
    if (given.port !== undefined) {
      this.problems.check(rules.portNumber, `${prefix}port`, given.port, portNumber(given.port));
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
    if (given.appProtocol !== undefined) {
      this.problems.check(rules.appProtocol, `${prefix}appProtocol`, given.appProtocol, labelKey(given.appProtocol));
    }
    if (!hasTarget) {
      return;
    }
    if (targetPort === undefined) {
      this.problems.record(
        rules.portRequired,
        `${prefix}port is required: ${this.targetName(target)} does not say which port its pods listen on; set port or targetPort`,
      );
      return;
    }
    const invalid = portReference(targetPort);
    // A targetPort the Service did not set is blamed on what the author did set: the target's port.
    const property =
      unset(given.targetPort) === undefined && target.defaultTargetPort !== undefined
        ? `${prefix}targetPort (not set, so taken from ${target.defaultTargetPortOrigin ?? "the target's default targetPort"})`
        : `${prefix}targetPort`;
    this.problems.check(rules.targetPort, property, targetPort, invalid);
    if (invalid !== undefined) {
      return;
    }
    if (port === undefined) {
      this.problems.record(
        rules.portRequired,
        `${prefix}port is required: targetPort ${formatValue(targetPort)} names a port whose number ${this.targetName(target)} does not tell`,
      );
    }
    this.checkDeclared(targetPort, prefix, target);
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
    const selector = this.service.selector;
    for (const [key, value] of Object.entries(selector)) {
      this.problems.check(SERVICE_RULES.selectorLabel, 'selector key', key, labelKey(key));
      this.problems.check(SERVICE_RULES.selectorLabel, `selector[${JSON.stringify(key)}]`, value, labelValue(value));
    }
    if (Object.keys(selector).length === 0 && !withoutSelector) {
      this.problems.check(
        SERVICE_RULES.selectorEmpty,
        'selector',
        selector,
        'selects no pods: the Service has endpoints only if EndpointSlices are written for it; say so with ServiceTarget.withoutSelector()',
      );
    }
    const podLabels = target.podLabels;
    if (podLabels === undefined) {
      return;
    }
    for (const [key, value] of Object.entries(selector)) {
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
