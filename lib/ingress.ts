import { Construct } from 'constructs';
import { IngressBackend as KubeIngressBackend, KubeIngress } from '../imports/k8s';
import { ClusterIpService } from './services/cluster-ip-service';
import { LoadBalancerService } from './services/load-balancer-service';
import { NodePortService } from './services/node-port-service';
import { SelectingService } from './services/selecting-service';
import { TUTORIAL } from './tutorial';
import { ObjectRegistry } from './validation/object-registry';
import { describe, Problems } from './validation/problems';
import { dns1123Label, dns1123Subdomain, formatPorts, ingressHost, portReference } from './validation/rules';

/** How an Ingress path is matched against the request path. */
export type PathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** The Services an Ingress can route to: those with a cluster IP. */
export type IngressBackendService = ClusterIpService | NodePortService | LoadBalancerService;

/** Where an Ingress sends matching requests. */
export interface IngressBackend {
  /** The Service to send requests to, in the Ingress's namespace. */
  readonly service: IngressBackendService;
  /** The Service port, by number or name. @default - the Service's first port */
  readonly port?: number | string;
}

/** One path of an Ingress rule. */
export interface IngressPath extends IngressBackend {
  /** The request path to match; starts with '/'. @default '/' */
  readonly path?: string;
  /** How the path is matched. @default 'Prefix' */
  readonly pathType?: PathType;
}

/** Requests for one host (or any host) and where each of its paths goes. */
export interface IngressRule {
  /** The host to match, a DNS name, optionally with a leading `*.` wildcard. @default - every host */
  readonly host?: string;
  /** The paths of this host, each to a backend. */
  readonly paths: readonly IngressPath[];
}

/** A TLS certificate for some of the Ingress's hosts. */
export interface IngressTls {
  /** The Secret in the Ingress's namespace holding the certificate and key. */
  readonly secretName: string;
  /** The hosts the certificate covers. @default - the hosts of all rules */
  readonly hosts?: readonly string[];
}

/** Properties of an {@link Ingress}. */
export interface IngressProps {
  /** The Ingress's name, a DNS-1123 subdomain. @default 'echo-ingress' */
  readonly name?: string;
  /** The namespace, which must be the backend Services' namespace. @default - the backends' namespace */
  readonly namespace?: string;
  /** The IngressClass (controller) that serves this Ingress. @default - the cluster's default IngressClass */
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

/**
 * HTTP routing by host and path (networking.k8s.io/v1) in front of Services with a cluster
 * IP. Not a Service type: an Ingress controller must run in the cluster.
 *
 * Rules are checked: hosts are DNS names, paths start with '/', and every backend port
 * exists on its Service, which lives in the Ingress's namespace.
 */
export class Ingress extends Construct {
  /** The Ingress's name. */
  public readonly name: string;
  /** The namespace the Ingress lives in. */
  public readonly namespace: string;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeIngress;
  private readonly problems: Problems;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    const rules = props.rules ?? [];
    const backends = [...rules.flatMap((r) => r.paths), ...(props.defaultBackend ? [props.defaultBackend] : [])];
    this.name = props.name ?? 'echo-ingress';
    this.namespace = props.namespace ?? backends[0]?.service?.namespace ?? TUTORIAL.namespace;
    this.problems = new Problems(this, 'Ingress');
    this.problems.rule('name', this.name, dns1123Subdomain);
    this.problems.rule('namespace', this.namespace, dns1123Label);
    this.problems.labels('labels', props.labels ?? {});
    this.problems.annotations('annotations', props.annotations ?? {});
    if (props.ingressClassName !== undefined) {
      this.problems.rule('ingressClassName', props.ingressClassName, dns1123Subdomain);
    }
    if (rules.length === 0 && props.defaultBackend === undefined) {
      this.problems.add('needs rules or a defaultBackend: without either it routes nothing');
    }

    const renderedRules = rules.map((rule, r) => {
      if (rule.host !== undefined) {
        this.problems.rule(`rules[${r}].host`, rule.host, ingressHost);
      }
      if (rule.paths.length === 0) {
        this.problems.check(`rules[${r}].paths`, [], 'must list at least one path');
      }
      return {
        host: rule.host,
        http: {
          paths: rule.paths.map((p, i) => {
            const where = `rules[${r}].paths[${i}]`;
            const path = p.path ?? '/';
            const pathType = p.pathType ?? 'Prefix';
            if (!path.startsWith('/')) {
              this.problems.check(`${where}.path`, path, "must start with '/'");
            }
            if (!PATH_TYPES.includes(pathType)) {
              this.problems.check(`${where}.pathType`, pathType, `must be one of ${PATH_TYPES.join(', ')}`);
            }
            return { path, pathType, backend: this.backend(p, where) };
          }),
        },
      };
    });

    (props.tls ?? []).forEach((tls, i) => {
      this.problems.rule(`tls[${i}].secretName`, tls.secretName, dns1123Subdomain);
      (tls.hosts ?? []).forEach((host, h) => this.problems.rule(`tls[${i}].hosts[${h}]`, host, ingressHost));
    });
    const ruleHosts = rules.flatMap((r) => (r.host === undefined ? [] : [r.host]));

    this.resource = new KubeIngress(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: props.labels && { ...props.labels },
        annotations: props.annotations && { ...props.annotations },
      },
      spec: {
        ingressClassName: props.ingressClassName,
        defaultBackend: props.defaultBackend && this.backend(props.defaultBackend, 'defaultBackend'),
        rules: renderedRules.length > 0 ? renderedRules : undefined,
        tls: props.tls?.map((t) => ({ secretName: t.secretName, hosts: [...(t.hosts ?? ruleHosts)] })),
      },
    });
    ObjectRegistry.of(this);
  }

  /** Checks a backend against its Service and renders it. */
  private backend(backend: IngressBackend, where: string): KubeIngressBackend {
    const service = backend.service as SelectingService | undefined;
    if (!(service instanceof SelectingService)) {
      this.problems.add(`${where}.service must be a ClusterIpService, NodePortService or LoadBalancerService`);
      return { service: { name: '' } };
    }
    this.node.addDependency(service);
    const subject = describe(service, service.constructor.name);
    if (service.serviceType === 'Headless') {
      this.problems.add(`${where}.service ${subject} is headless: an Ingress needs a Service with a cluster IP`);
    }
    if (service.namespace !== this.namespace) {
      this.problems.add(
        `${where}.service ${subject} is in namespace ${JSON.stringify(service.namespace)}; an Ingress only routes to Services in its own namespace ${JSON.stringify(this.namespace)}`,
      );
    }
    const port = backend.port ?? service.ports[0]?.port;
    const invalid = portReference(port);
    this.problems.check(`${where}.port`, port, invalid);
    const found = service.ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port));
    if (invalid === undefined && !found) {
      const offered = formatPorts(service.ports.map((p) => ({ number: p.port, name: p.name })));
      this.problems.check(`${where}.port`, port, `is not a port of ${subject}, which has ${offered}`);
    }
    return {
      service: { name: service.name, port: typeof port === 'number' ? { number: port } : { name: port } },
    };
  }
}
