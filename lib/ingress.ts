import { Construct } from 'constructs';
import { IngressBackend as KubeIngressBackend, KubeIngress } from '../imports/k8s';
import { objectMeta, resolveNamespace } from './object-meta';
import { ClusterIpService } from './services/cluster-ip-service';
import { LoadBalancerService } from './services/load-balancer-service';
import { NodePortService } from './services/node-port-service';
import { SelectingService } from './services/selecting-service';
import { ServiceBase } from './services/service-base';
import { ObjectRegistry } from './validation/object-registry';
import { defineRules } from './validation/rule-catalog';
import { describe, Problems } from './validation/problems';
import { dns1123Subdomain, formatPorts, ingressHost, ipAddress, portReference, tlsHost } from './validation/rules';

/** The rules an Ingress follows, besides those of its metadata. */
export const INGRESS_RULES = defineRules('Ingress', {
  rulesOrDefaultBackend: {
    id: 'ingress/rules-or-default-backend',
    level: 'error',
    field: 'spec.rules, spec.defaultBackend',
    apiServer: 'rejects an Ingress with neither rules nor a defaultBackend',
    source: 'ValidateIngressSpec (pkg/apis/networking/validation)',
  },
  host: {
    id: 'ingress/host',
    level: 'error',
    field: 'spec.rules[].host',
    apiServer:
      "rejects a host that is an IPv4 address, or is not a DNS-1123 subdomain (with '*' in it: not '*.' followed by one); so no port and no IPv6 address",
    source: 'validateIngressRules (pkg/apis/networking/validation), IsDNS1123Subdomain, IsWildcardDNS1123Subdomain',
  },
  ruleWithoutPaths: {
    id: 'ingress/rule-without-paths',
    level: 'warning',
    field: 'spec.rules[].http',
    apiServer:
      'accepts a rule with a host and no http paths; with no defaultBackend either, requests for that host match nothing and get a 404 from the controller',
    source: 'validateIngressRuleValue (pkg/apis/networking/validation) skips a rule without http',
  },
  pathType: {
    id: 'ingress/path-type',
    level: 'error',
    field: 'spec.rules[].http.paths[].pathType',
    apiServer: 'rejects a path type other than Exact, Prefix or ImplementationSpecific',
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation)',
  },
  pathAbsolute: {
    id: 'ingress/path-absolute',
    level: 'error',
    field: 'spec.rules[].http.paths[].path',
    apiServer:
      "rejects an Exact or Prefix path that does not start with '/', and a non-empty ImplementationSpecific path that does not",
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation)',
  },
  pathSegments: {
    id: 'ingress/path-segments',
    level: 'error',
    field: 'spec.rules[].http.paths[].path',
    apiServer:
      "rejects an Exact or Prefix path containing '//', '/./', '/../', '%2f' or '%2F', or ending in '/..' or '/.'; ImplementationSpecific paths may",
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation), invalidPathSequences, invalidPathSuffixes',
  },
  backendService: {
    id: 'ingress/backend-service',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service, spec.defaultBackend.service',
    apiServer: 'rejects a service backend without a Service name',
    source: 'validateIngressBackend (pkg/apis/networking/validation)',
  },
  backendWithoutClusterIp: {
    id: 'ingress/backend-without-cluster-ip',
    level: 'warning',
    field: 'spec.rules[].http.paths[].backend.service.name, spec.defaultBackend.service.name',
    apiServer:
      'accepts any Service name; a headless or ExternalName Service has no cluster IP, which controllers that proxy to the Service (rather than to its endpoints) cannot reach',
    source: 'validateIngressBackend (pkg/apis/networking/validation) does not look the Service up',
  },
  backendNamespace: {
    id: 'ingress/backend-namespace',
    level: 'contract',
    field: 'spec.rules[].http.paths[].backend.service.name, spec.defaultBackend.service.name',
    apiServer:
      "accepts the name; it always means a Service in the Ingress's namespace, so a Service construct in another namespace is not the one routed to",
    source: "a construct contract: an Ingress backend names a Service of the Ingress's own namespace",
  },
  backendPortRequired: {
    id: 'ingress/backend-port-required',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer: 'rejects a service backend with neither a port name nor a port number',
    source: 'validateIngressBackend (pkg/apis/networking/validation)',
  },
  backendPort: {
    id: 'ingress/backend-port',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer:
      'rejects a port number outside 1-65535 and a port name that is not an IANA service name (at most 15 characters, so a longer Service port name cannot be referenced by name)',
    source: 'validateIngressBackend (pkg/apis/networking/validation), IsValidPortNum, IsValidPortName',
  },
  backendPortExists: {
    id: 'ingress/backend-port-exists',
    level: 'contract',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer:
      'accepts any port; one the backend Service construct does not have routes nowhere (the controller answers 503)',
    source: 'a construct contract: the backend is a Service construct whose ports are known',
  },
  className: {
    id: 'ingress/class-name',
    level: 'error',
    field: 'spec.ingressClassName',
    apiServer: 'rejects a class name that is not a DNS-1123 subdomain',
    source: 'ValidateIngressSpec (pkg/apis/networking/validation), ValidateIngressClassName',
  },
  classAnnotation: {
    id: 'ingress/class-annotation',
    level: 'error',
    field: 'metadata.annotations["kubernetes.io/ingress.class"]',
    apiServer: 'rejects, on create, a class annotation that differs from spec.ingressClassName when both are set',
    source: 'ValidateIngressCreate (pkg/apis/networking/validation)',
  },
  tlsSecretName: {
    id: 'ingress/tls-secret-name',
    level: 'error',
    field: 'spec.tls[].secretName',
    apiServer:
      "rejects a secret name that is not a DNS-1123 subdomain; an empty or absent one is valid (the controller's default certificate)",
    source: 'validateIngressTLS (pkg/apis/networking/validation), validateTLSSecretName',
  },
  tlsHost: {
    id: 'ingress/tls-host',
    level: 'error',
    field: 'spec.tls[].hosts[]',
    apiServer: "rejects a host that is not a DNS-1123 subdomain (with '*' in it: not '*.' followed by one)",
    source: 'validateIngressTLS (pkg/apis/networking/validation), IsDNS1123Subdomain, IsWildcardDNS1123Subdomain',
  },
  tlsHostIp: {
    id: 'ingress/tls-host-ip',
    level: 'warning',
    field: 'spec.tls[].hosts[]',
    apiServer:
      'accepts an IPv4 address (it is a valid subdomain); clients connecting to an IP address send no TLS server name, so the controller cannot pick the certificate by it',
    source:
      'validateIngressTLS (pkg/apis/networking/validation) accepts it; RFC 6066 allows no IP address as server name',
  },
});

/** How an Ingress path is matched against the request path. */
export type PathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** The Services an Ingress can route to: those with a cluster IP. */
export type IngressBackendService = ClusterIpService | NodePortService | LoadBalancerService;

/** Where an Ingress sends matching requests. */
export interface IngressBackend {
  /** The Service to send requests to, in the Ingress's namespace. */
  readonly service: IngressBackendService;
  /**
   * The Service port, by number or by name; a name must be an IANA service name (at most 15
   * characters), as the API server requires of backend port names.
   * @default - the Service's first port
   */
  readonly port?: number | string;
}

/** One path of an Ingress rule. */
export interface IngressPath extends IngressBackend {
  /**
   * The request path to match. For `Prefix` and `Exact` it starts with '/' and has no `//`,
   * `/./`, `/../`, `%2f` or `%2F`, and does not end in `/.` or `/..`; for
   * `ImplementationSpecific` it is empty or starts with '/', and the controller interprets it.
   * @default '/'
   */
  readonly path?: string;
  /** How the path is matched. @default 'Prefix' */
  readonly pathType?: PathType;
}

/** Requests for one host (or any host) and where each of its paths goes. */
export interface IngressRule {
  /**
   * The host to match: a DNS name, optionally with a leading `*.` wildcard label; not an IP
   * address and without a port.
   * @default - every host
   */
  readonly host?: string;
  /**
   * The paths of this host, each to a backend. Without paths the rule only names its host,
   * whose requests then go to the default backend.
   * @default - none
   */
  readonly paths?: readonly IngressPath[];
}

/** A TLS certificate for some of the Ingress's hosts. */
export interface IngressTls {
  /**
   * The Secret in the Ingress's namespace holding the certificate and key.
   * @default - none: the controller's default certificate
   */
  readonly secretName?: string;
  /** The hosts the certificate covers. @default - the hosts of all rules */
  readonly hosts?: readonly string[];
}

/** Properties of an {@link Ingress}. */
export interface IngressProps {
  /** The Ingress's name, a DNS-1123 subdomain. @default - generated by cdk8s from the construct path */
  readonly name?: string;
  /**
   * The namespace, which must be the backend Services' namespace.
   * @default - the chart's namespace; none when the chart has none
   */
  readonly namespace?: string;
  /**
   * The IngressClass (controller) that serves this Ingress. When the deprecated
   * `kubernetes.io/ingress.class` annotation is set too, both must name the same class.
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /** Host and path rules, tried before the default backend. @default - none: set defaultBackend */
  readonly rules?: readonly IngressRule[];
  /** Where requests that match no rule go. @default - none: unmatched requests get a 404 from the controller */
  readonly defaultBackend?: IngressBackend;
  /** TLS certificates by host. @default - plain HTTP only */
  readonly tls?: readonly IngressTls[];
  /** Labels on the Ingress object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the Ingress object, for controller-specific settings. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

const PATH_TYPES: readonly PathType[] = ['Prefix', 'Exact', 'ImplementationSpecific'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** What an Exact or Prefix path must not contain or end with. */
function pathSegments(path: string): string | undefined {
  const found = [
    ...INVALID_PATH_SEQUENCES.filter((s) => path.includes(s)).map((s) => `contain '${s}'`),
    ...INVALID_PATH_SUFFIXES.filter((s) => path.endsWith(s)).map((s) => `end with '${s}'`),
  ];
  return found.length > 0 ? `must not ${found.join(' or ')}` : undefined;
}

/**
 * HTTP routing by host and path (networking.k8s.io/v1) in front of Services with a cluster
 * IP. Not a Service type: an Ingress controller must run in the cluster.
 *
 * Checks ({@link INGRESS_RULES}): what the API server checks of hosts, paths, path types,
 * backend ports, the class and TLS entries; that every backend Service construct lives in the
 * Ingress's namespace and has the backend port (contracts); warnings for backends without a
 * cluster IP, IP addresses as TLS hosts, and hosts that route nowhere.
 */
export class Ingress extends Construct {
  /** The Ingress's name as rendered: the given one, or the one cdk8s generated. */
  public readonly name: string;
  /** The Ingress's namespace as rendered: the given one, else the chart's; undefined when neither is set. */
  public readonly namespace?: string;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeIngress;
  private readonly problems: Problems;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    const rules = props.rules ?? [];
    const annotations = props.annotations ?? {};
    this.namespace = resolveNamespace(this, props.namespace);
    this.problems = new Problems(this, 'Ingress');
    const problems = this.problems;
    const R = INGRESS_RULES;
    problems.namespace(this.namespace);
    problems.labels('labels', props.labels ?? {});
    problems.annotations('annotations', annotations);
    if (props.ingressClassName !== undefined) {
      problems.check(R.className, 'ingressClassName', props.ingressClassName, dns1123Subdomain(props.ingressClassName));
      const annotated = annotations[CLASS_ANNOTATION];
      if (annotated !== undefined && annotated !== props.ingressClassName) {
        problems.check(
          R.classAnnotation,
          `annotations[${JSON.stringify(CLASS_ANNOTATION)}]`,
          annotated,
          `must match ingressClassName ${JSON.stringify(props.ingressClassName)} when both are set`,
        );
      }
    }
    if (rules.length === 0 && props.defaultBackend === undefined) {
      problems.record(R.rulesOrDefaultBackend, 'needs rules or a defaultBackend: without either it routes nothing');
    }

    const renderedRules = rules.map((rule, r) => {
      // An empty host means every host, as an absent one does (validateIngressRules).
      if (rule.host !== undefined && rule.host !== '') {
        problems.check(R.host, `rules[${r}].host`, rule.host, ingressHost(rule.host));
      }
      const paths = rule.paths ?? [];
      if (paths.length === 0) {
        if (props.defaultBackend === undefined) {
          problems.check(
            R.ruleWithoutPaths,
            `rules[${r}].paths`,
            paths,
            'is empty and there is no defaultBackend: requests for this host match nothing and get a 404',
          );
        }
        return { host: rule.host };
      }
      return {
        host: rule.host,
        http: { paths: paths.map((p, i) => this.path(p, `rules[${r}].paths[${i}]`)) },
      };
    });

    (props.tls ?? []).forEach((tls, i) => {
      if (tls.secretName !== undefined && tls.secretName !== '') {
        problems.check(R.tlsSecretName, `tls[${i}].secretName`, tls.secretName, dns1123Subdomain(tls.secretName));
      }
      (tls.hosts ?? []).forEach((host, h) => {
        const where = `tls[${i}].hosts[${h}]`;
        problems.check(R.tlsHost, where, host, tlsHost(host));
        problems.check(
          R.tlsHostIp,
          where,
          host,
          ipAddress(host) === undefined
            ? 'is an IP address: clients connecting to an address send no TLS server name, so the controller cannot select this certificate by it'
            : undefined,
        );
      });
    });
    const ruleHosts = rules.flatMap((r) => (r.host === undefined || r.host === '' ? [] : [r.host]));

    this.resource = new KubeIngress(this, 'Resource', {
      metadata: objectMeta({ ...props, namespace: this.namespace }),
      spec: {
        ingressClassName: props.ingressClassName,
        defaultBackend: props.defaultBackend && this.backend(props.defaultBackend, 'defaultBackend'),
        rules: renderedRules.length > 0 ? renderedRules : undefined,
        tls: props.tls?.map((t) => ({ secretName: t.secretName, hosts: [...(t.hosts ?? ruleHosts)] })),
      },
    });
    this.name = this.resource.name;
    problems.name(this.name, props.name === undefined, dns1123Subdomain);
    ObjectRegistry.of(this);
  }

  /** Checks one path of a rule and renders it. */
  private path(p: IngressPath, where: string) {
    const R = INGRESS_RULES;
    const path = p.path ?? '/';
    const pathType = p.pathType ?? 'Prefix';
    if (!PATH_TYPES.includes(pathType)) {
      this.problems.check(R.pathType, `${where}.pathType`, pathType, `must be one of ${PATH_TYPES.join(', ')}`);
    } else if (pathType !== 'ImplementationSpecific' || path !== '') {
      const absolute = path.startsWith('/');
      this.problems.check(
        R.pathAbsolute,
        `${where}.path`,
        path,
        absolute
          ? undefined
          : pathType === 'ImplementationSpecific'
            ? "must be empty or start with '/'"
            : `must start with '/' for pathType ${pathType}`,
      );
      if (pathType !== 'ImplementationSpecific') {
        const segments = pathSegments(path);
        this.problems.check(R.pathSegments, `${where}.path`, path, segments && `${segments} for pathType ${pathType}`);
      }
    }
    return { path, pathType, backend: this.backend(p, where) };
  }

  /** Checks a backend against its Service and renders it. */
  private backend(backend: IngressBackend, where: string): KubeIngressBackend {
    const R = INGRESS_RULES;
    const service = backend.service as ServiceBase | undefined;
    if (!(service instanceof ServiceBase)) {
      this.problems.record(R.backendService, `${where}.service is required: a Service construct of this app`);
      return { service: { name: '' } };
    }
    this.node.addDependency(service);
    const subject = describe(service, service.constructor.name);
    const selecting = service instanceof SelectingService ? service : undefined;
    if (selecting === undefined || selecting.serviceType === 'Headless') {
      this.problems.record(
        R.backendWithoutClusterIp,
        `${where}.service ${subject} has no cluster IP: only controllers that route to the Service's endpoints or external name, not to its cluster IP, can reach it`,
      );
    }
    if (service.namespace !== undefined && this.namespace !== undefined && service.namespace !== this.namespace) {
      this.problems.record(
        R.backendNamespace,
        `${where}.service ${subject} is in namespace ${JSON.stringify(service.namespace)}, the Ingress in ${JSON.stringify(this.namespace)}: an Ingress only routes to Services of its own namespace`,
      );
    }
    const ports = selecting?.ports ?? [];
    const port = backend.port ?? ports[0]?.port;
    if (port === undefined) {
      this.problems.record(R.backendPortRequired, `${where}.port is required: ${subject} has no port to default to`);
      return { service: { name: service.name } };
    }
    const invalid = portReference(port);
    this.problems.check(R.backendPort, `${where}.port`, port, invalid);
    const found = ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port));
    if (invalid === undefined && selecting !== undefined && !found) {
      const offered = formatPorts(ports.map((p) => ({ number: p.port, name: p.name })));
      this.problems.check(
        R.backendPortExists,
        `${where}.port`,
        port,
        `is not a port of ${subject}, which has ${offered}`,
      );
    }
    return {
      service: { name: service.name, port: typeof port === 'number' ? { number: port } : { name: port } },
    };
  }
}
