import { Construct } from 'constructs';
import {
  Gateway as GatewayResource,
  GatewaySpecListeners,
  GatewaySpecListenersAllowedRoutesNamespacesFrom,
} from '../../imports/gateway.networking.k8s.io';
import { objectMeta, resolveNamespace } from '../object-meta';
import { ObjectRegistry } from '../validation/object-registry';
import { Problems } from '../validation/problems';
import { defineRules } from '../validation/rule-catalog';
import { dns1123Label } from '../validation/rules';
import { hostname, ipHostname, objectName, objectNameLength, portNumber, unnameableObject } from './values';

const CRD = 'Gateway API v1.1.1 CRD gateways.gateway.networking.k8s.io';

/** The rules a Gateway's own fields follow. */
export const GATEWAY_RULES = defineRules('Gateway', {
  className: {
    id: 'gateway/class-name',
    level: 'error',
    field: 'spec.gatewayClassName',
    apiServer: 'rejects an empty class name or one longer than 253 characters',
    source: `${CRD}: minLength and maxLength of ObjectName`,
  },
  classNameFormat: {
    id: 'gateway/class-name-format',
    level: 'warning',
    field: 'spec.gatewayClassName',
    apiServer:
      'accepts any string (ObjectName has no pattern); one that is not a DNS-1123 subdomain names no GatewayClass, so no controller programs the Gateway',
    source: `${CRD}: ObjectName has no pattern; GatewayClass names are checked by ValidateObjectMeta`,
  },
  listenerCount: {
    id: 'gateway/listeners',
    level: 'error',
    field: 'spec.listeners',
    apiServer: 'rejects a Gateway without listeners or with more than 64',
    source: `${CRD}: minItems 1, maxItems 64`,
  },
  listenerName: {
    id: 'gateway/listener-name',
    level: 'error',
    field: 'spec.listeners[].name',
    apiServer: 'rejects a listener name that is not a DNS-1123 subdomain, or that another listener has',
    source: `${CRD}: pattern; list-map key "name" and CEL "Listener name must be unique within the Gateway"`,
  },
  listenerPort: {
    id: 'gateway/listener-port',
    level: 'error',
    field: 'spec.listeners[].port',
    apiServer: 'rejects a port outside 1-65535',
    source: `${CRD}: minimum 1, maximum 65535`,
  },
  listenerHostname: {
    id: 'gateway/listener-hostname',
    level: 'error',
    field: 'spec.listeners[].hostname',
    apiServer: 'rejects a hostname that is not a lowercase DNS name with an optional leading "*."',
    source: `${CRD}: pattern and maxLength of Hostname`,
  },
  listenerHostnameIp: {
    id: 'gateway/listener-hostname-ip',
    level: 'warning',
    field: 'spec.listeners[].hostname',
    apiServer:
      "accepts an IPv4 address (the CRD's pattern allows it); implementations reject it, as IPs are not hostnames",
    source: `${CRD}: pattern of Hostname; Gateway API Listener.hostname: "IPs are not allowed"`,
  },
  listenerUnique: {
    id: 'gateway/listener-unique',
    level: 'error',
    field: 'spec.listeners[]',
    apiServer: 'rejects two listeners with the same port, protocol and hostname',
    source: `${CRD}: CEL "Combination of port, protocol and hostname must be unique for each listener"`,
  },
  httpsCertificate: {
    id: 'gateway/https-certificate',
    level: 'error',
    field: 'spec.listeners[].tls.certificateRefs',
    apiServer: 'rejects a listener that terminates TLS with an empty list of certificate references, or more than 64',
    source: `${CRD}: CEL "certificateRefs or options must be specified when mode is Terminate"; maxItems 64`,
  },
  httpsWithoutTls: {
    id: 'gateway/https-without-tls',
    level: 'warning',
    field: 'spec.listeners[].tls',
    apiServer:
      'accepts an HTTPS listener without tls; the implementation then has no certificate to serve and does not program the listener',
    source: `${CRD}: tls is optional in the schema; Gateway API Listener.tls: "required if the Protocol field is HTTPS"`,
  },
  httpTls: {
    id: 'gateway/http-tls',
    level: 'error',
    field: 'spec.listeners[].tls',
    apiServer: 'rejects TLS settings on an HTTP listener',
    source: `${CRD}: CEL "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"`,
  },
  certificateName: {
    id: 'gateway/certificate-name',
    level: 'error',
    field: 'spec.listeners[].tls.certificateRefs[]',
    apiServer:
      'rejects a certificate reference whose name is empty or longer than 253 characters, or whose namespace is not a DNS-1123 label',
    source: `${CRD}: minLength and maxLength of ObjectName, pattern of Namespace`,
  },
  certificateNameFormat: {
    id: 'gateway/certificate-name-format',
    level: 'warning',
    field: 'spec.listeners[].tls.certificateRefs[].name',
    apiServer:
      'accepts any name (ObjectName has no pattern); one that is not a DNS-1123 subdomain names no Secret, so the listener has no certificate',
    source: `${CRD}: ObjectName has no pattern; Secret names are checked by ValidateObjectMeta`,
  },
  selector: {
    id: 'gateway/route-selector',
    level: 'warning',
    field: 'spec.listeners[].allowedRoutes.namespaces.selector',
    apiServer:
      'accepts an empty selector, which selects every namespace: routes from anywhere attach, unlike what "Selector" suggests',
    source: `${CRD}: selector is an optional LabelSelector; an empty LabelSelector matches everything`,
  },
});

/** The protocols a Gateway listener of this library serves. */
export type ListenerProtocol = 'HTTP' | 'HTTPS';

/** A Kubernetes Secret holding a TLS certificate and key, for an HTTPS listener. */
export interface CertificateRef {
  /** The Secret's name. */
  readonly name: string;
  /**
   * The Secret's namespace. One other than the Gateway's also needs a ReferenceGrant there.
   * @default - the Gateway's namespace
   */
  readonly namespace?: string;
}

/** Which namespaces' routes may attach to a listener. */
export class RouteNamespaces {
  /** Routes in the Gateway's own namespace only; the Gateway API's default. */
  public static same(): RouteNamespaces {
    return new RouteNamespaces('Same');
  }

  /** Routes in every namespace of the cluster. */
  public static all(): RouteNamespaces {
    return new RouteNamespaces('All');
  }

  /** Routes in the namespaces whose labels include all of `labels`. */
  public static selector(labels: Readonly<Record<string, string>>): RouteNamespaces {
    return new RouteNamespaces('Selector', { ...labels });
  }

  private constructor(
    /** `Same`, `All` or `Selector`, as the Gateway API names them. */
    public readonly from: 'Same' | 'All' | 'Selector',
    /** The namespace labels, for `Selector`. */
    public readonly labels?: Readonly<Record<string, string>>,
  ) {}
}

/** One listener of a Gateway: a port, protocol and optional hostname that routes attach to. */
export interface GatewayListener {
  /** The listener's name, which routes use as their parent's `sectionName`; unique in the Gateway. */
  readonly name: string;
  /** The protocol. `HTTPS` terminates TLS with `certificates`. */
  readonly protocol: ListenerProtocol;
  /** The port. @default - 80 for HTTP, 443 for HTTPS */
  readonly port?: number;
  /**
   * The host name requests must carry, optionally with a leading `*.` wildcard; routes with
   * hostnames only attach where theirs intersect it.
   * @default - every host name
   */
  readonly hostname?: string;
  /** The certificates of an HTTPS listener, 1 to 64 Secrets. @default - none: an HTTPS listener without them is warned about */
  readonly certificates?: readonly CertificateRef[];
  /** Which namespaces' routes may attach. @default RouteNamespaces.same() */
  readonly routeNamespaces?: RouteNamespaces;
}

/** A listener after defaults are applied. */
export interface ResolvedListener {
  /** The listener's name. */
  readonly name: string;
  /** The protocol. */
  readonly protocol: ListenerProtocol;
  /** The port. */
  readonly port: number;
  /** The host name. @default - every host name */
  readonly hostname?: string;
  /** Which namespaces' routes may attach. */
  readonly routeNamespaces: RouteNamespaces;
}

/** A Gateway that routes can name as their parent: a {@link Gateway} construct, or one by name. */
export interface IGateway {
  /** The Gateway's name. */
  readonly name: string;
  /** The Gateway's namespace. @default - the route's namespace */
  readonly namespace?: string;
  /** Its listeners, when known; routes are checked against them. @default - unknown */
  readonly listeners?: readonly ResolvedListener[];
}

/** Properties of a {@link Gateway}. */
export interface GatewayProps {
  /** The Gateway's name, a DNS-1123 subdomain. @default - generated by cdk8s from the construct path */
  readonly name?: string;
  /** The namespace. @default - the chart's namespace; none when the chart has none */
  readonly namespace?: string;
  /** Labels on the Gateway object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the Gateway object. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The GatewayClass, installed with a Gateway API implementation, that runs this Gateway. */
  readonly gatewayClassName: string;
  /** The listeners, 1 to 64. */
  readonly listeners: readonly GatewayListener[];
}

const DEFAULT_PORTS: Record<ListenerProtocol, number> = { HTTP: 80, HTTPS: 443 };

/**
 * A Gateway (gateway.networking.k8s.io/v1): the entry point a Gateway API implementation
 * provisions, with HTTP and HTTPS listeners that {@link HttpRoute}s attach to.
 *
 * Checks ({@link GATEWAY_RULES}) mirror the CRD's schema and CEL rules for what the props can
 * express: names, ports, hostnames, unique listeners, and certificates exactly on HTTPS.
 */
export class Gateway extends Construct implements IGateway {
  /**
   * A Gateway made elsewhere, for a route's parent: only its name and namespace are known,
   * so a route attaching to it is not checked against its listeners.
   */
  public static fromName(name: string, namespace?: string): IGateway {
    return { name, namespace };
  }

  /** The Gateway's name as rendered: the given one, or the one cdk8s generated. */
  public readonly name: string;
  /** The namespace as rendered: the given one, else the chart's; undefined when neither is set. */
  public readonly namespace?: string;
  /** The listeners, defaults applied. */
  public readonly listeners: readonly ResolvedListener[];
  /** The generated L1 object, for escape hatches. */
  public readonly resource: GatewayResource;
  private readonly problems: Problems;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.problems = new Problems(this, 'Gateway');
    this.namespace = resolveNamespace(this, props.namespace);
    const rules = GATEWAY_RULES;
    this.problems.namespace(this.namespace);
    this.problems.labels('labels', props.labels ?? {});
    this.problems.annotations('annotations', props.annotations ?? {});
    this.problems.check(
      rules.className,
      'gatewayClassName',
      props.gatewayClassName,
      objectNameLength(props.gatewayClassName),
    );
    this.problems.check(
      rules.classNameFormat,
      'gatewayClassName',
      props.gatewayClassName,
      unnameableObject(props.gatewayClassName),
    );
    const given = props.listeners ?? [];
    if (given.length < 1 || given.length > 64) {
      this.problems.record(rules.listenerCount, `listeners has ${given.length} entries; a Gateway needs 1 to 64`);
    }
    this.listeners = given.map((l) => ({
      name: l.name,
      protocol: l.protocol,
      port: l.port ?? DEFAULT_PORTS[l.protocol],
      hostname: l.hostname,
      routeNamespaces: l.routeNamespaces ?? RouteNamespaces.same(),
    }));
    given.forEach((l, i) => this.checkListener(l, this.listeners[i], `listeners[${i}]`));
    this.checkUnique();

    this.resource = new GatewayResource(this, 'Resource', {
      metadata: objectMeta({ ...props, namespace: this.namespace }),
      spec: {
        gatewayClassName: props.gatewayClassName,
        listeners: given.map((l, i) => this.renderListener(l, this.listeners[i])),
      },
    });
    this.name = this.resource.name;
    this.problems.name(this.name, props.name === undefined, (v) => objectName(v));
    ObjectRegistry.of(this);
  }

  private checkListener(given: GatewayListener, l: ResolvedListener, where: string): void {
    const rules = GATEWAY_RULES;
    this.problems.check(rules.listenerName, `${where}.name`, l.name, objectName(l.name));
    this.problems.check(rules.listenerPort, `${where}.port`, l.port, portNumber(l.port));
    if (l.hostname !== undefined) {
      this.problems.check(rules.listenerHostname, `${where}.hostname`, l.hostname, hostname(l.hostname));
      this.problems.check(rules.listenerHostnameIp, `${where}.hostname`, l.hostname, ipHostname(l.hostname));
    }
    const certificates = given.certificates ?? [];
    if (l.protocol === 'HTTPS' && given.certificates === undefined) {
      this.problems.record(
        rules.httpsWithoutTls,
        `${where} is HTTPS without certificates: no implementation can terminate TLS on it`,
      );
    } else if (l.protocol === 'HTTPS' && (certificates.length === 0 || certificates.length > 64)) {
      this.problems.record(
        rules.httpsCertificate,
        `${where}.certificates has ${certificates.length} entries: an HTTPS listener terminates TLS with 1 to 64 certificate Secrets`,
      );
    }
    if (l.protocol === 'HTTP' && given.certificates !== undefined) {
      this.problems.record(
        rules.httpTls,
        `${where}.certificates is set on an HTTP listener, which has no TLS; use protocol 'HTTPS'`,
      );
    }
    certificates.forEach((c, j) => {
      const name = `${where}.certificates[${j}].name`;
      this.problems.check(rules.certificateName, name, c.name, objectNameLength(c.name));
      this.problems.check(rules.certificateNameFormat, name, c.name, unnameableObject(c.name));
      if (c.namespace !== undefined) {
        this.problems.check(
          rules.certificateName,
          `${where}.certificates[${j}].namespace`,
          c.namespace,
          dns1123Label(c.namespace),
        );
      }
    });
    const labels = l.routeNamespaces.labels;
    if (l.routeNamespaces.from === 'Selector' && labels !== undefined && Object.keys(labels).length === 0) {
      this.problems.record(
        rules.selector,
        `${where}.routeNamespaces selects by no label, which allows routes from every namespace; use RouteNamespaces.all() for that`,
      );
    }
  }

  private checkUnique(): void {
    const names = new Set<string>();
    const combinations = new Set<string>();
    this.listeners.forEach((l, i) => {
      if (names.has(l.name)) {
        this.problems.check(
          GATEWAY_RULES.listenerName,
          `listeners[${i}].name`,
          l.name,
          'is the name of another listener',
        );
      }
      names.add(l.name);
      const key = `${l.port}/${l.protocol}/${l.hostname ?? '*'}`;
      if (combinations.has(key)) {
        this.problems.record(
          GATEWAY_RULES.listenerUnique,
          `listeners[${i}] repeats port ${l.port}, protocol ${l.protocol} and ${l.hostname === undefined ? 'no hostname' : `hostname "${l.hostname}"`} of another listener`,
        );
      }
      combinations.add(key);
    });
  }

  private renderListener(given: GatewayListener, l: ResolvedListener): GatewaySpecListeners {
    const from = l.routeNamespaces.from as GatewaySpecListenersAllowedRoutesNamespacesFrom;
    return {
      name: l.name,
      protocol: l.protocol,
      port: l.port,
      hostname: l.hostname,
      tls:
        given.certificates === undefined
          ? undefined
          : { certificateRefs: given.certificates.map((c) => ({ name: c.name, namespace: c.namespace })) },
      allowedRoutes:
        given.routeNamespaces === undefined
          ? undefined
          : {
              namespaces: {
                from,
                selector: l.routeNamespaces.labels && { matchLabels: { ...l.routeNamespaces.labels } },
              },
            },
    };
  }
}
