import { ApiObject } from 'cdk8s';
import type { Workload } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';

/** Network protocols a Service port can carry. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A port that a workload's containers listen on. */
export interface ContainerPortInfo {
  /** The port number in the container. */
  readonly containerPort: number;
  /** The port's name, which a Service can use as a named targetPort. @default - unnamed */
  readonly name?: string;
  /** The port's protocol. @default 'TCP' */
  readonly protocol?: Protocol;
}

/**
 * The pods a selecting Service sends traffic to.
 *
 * Implemented by workload constructs such as {@link EchoServer}, so that a Service derives
 * its selector and targetPort from the workload and cannot drift from it, and by
 * {@link ServiceTarget.labels} for pods created elsewhere. A cdk8s-plus workload can be
 * passed as a target directly.
 */
export interface IServiceTarget {
  /** The labels the Service selects the pods by. */
  readonly selector: Readonly<Record<string, string>>;
  /** The labels the pods carry; a Service selector must be a subset. @default - unknown */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** The ports the pods expose; a targetPort must be one of them. @default - unknown */
  readonly containerPorts?: readonly ContainerPortInfo[];
  /** The targetPort a Service uses when it does not set one. @default - none: set targetPort */
  readonly defaultTargetPort?: number | string;
  /**
   * Where {@link defaultTargetPort} was taken from, such as `port 8080 "http" of container "web"
   * of Deployment 'shop/web'`, so that a message about a targetPort the Service did not set names
   * what the author did set.
   * @default - "the target's default targetPort"
   */
  readonly defaultTargetPortOrigin?: string;
  /**
   * The namespace the pods run in; a Service only selects pods of its own namespace.
   * @default - unknown, or none set (the namespace kubectl applies to)
   */
  readonly namespace?: string;
  /** The construct that owns the pods, named in error messages. @default - none */
  readonly workload?: IConstruct;
  /**
   * The Service selects no pods: its endpoints are EndpointSlices written by hand, and the
   * rendered Service has no `selector` field.
   * @default false
   */
  readonly withoutSelector?: boolean;
}

/** What a selecting Service accepts as its target: an {@link IServiceTarget} or a cdk8s-plus workload. */
export type ServiceTargetLike = IServiceTarget | Workload;

/** Options for {@link ServiceTarget.labels}. */
export interface LabelTargetOptions {
  /** The port, or port name, on the pods that traffic is sent to. @default - none: set targetPort on the Service */
  readonly targetPort?: number | string;
  /** The namespace the pods run in, checked against the Service's. @default - unknown: not checked */
  readonly namespace?: string;
}

/** Options for {@link ServiceTarget.withoutSelector}. */
export interface ManualEndpointsOptions {
  /** The port on the endpoints that traffic is sent to. @default - none: the Service's port */
  readonly targetPort?: number | string;
}

/** Factories for service targets that are not workload constructs of this library. */
export class ServiceTarget {
  /**
   * Pods created elsewhere, selected by their labels.
   *
   * Nothing is known of their ports, so the Service's targetPort is checked for format only.
   * An empty selector selects nothing: it is warned about, and {@link ServiceTarget.withoutSelector}
   * says the same on purpose.
   */
  public static labels(selector: Readonly<Record<string, string>>, options: LabelTargetOptions = {}): IServiceTarget {
    return { selector: { ...selector }, defaultTargetPort: options.targetPort, namespace: options.namespace };
  }

  /**
   * No pods at all: a Service without a selector, whose endpoints are EndpointSlices managed
   * by hand or by another controller (an external database, a service in another cluster).
   * The Service needs a `port`; Kubernetes copies it into `targetPort` when none is given.
   */
  public static withoutSelector(options: ManualEndpointsOptions = {}): IServiceTarget {
    return { selector: {}, defaultTargetPort: options.targetPort, withoutSelector: true };
  }

  /**
   * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, ...): its selector, pod labels,
   * container ports and namespace, read when the Service is created, so add containers first.
   * Passing the workload itself as a Service's `target` does the same.
   */
  public static fromPlusWorkload(workload: Workload): IServiceTarget {
    const containerPorts = workload.containers.flatMap((c) =>
      c.ports.map((p) => ({
        containerPort: p.number,
        name: p.name,
        protocol: p.protocol as Protocol | undefined,
        container: c.name,
      })),
    );
    const first = containerPorts[0];
    const kind = ApiObject.of(workload).kind;
    return {
      selector: workload.matchLabels,
      podLabels: workload.podMetadata.toJson().labels ?? {},
      containerPorts: containerPorts.map(({ container: _, ...port }) => port),
      defaultTargetPort: first && (first.name ?? first.containerPort),
      defaultTargetPortOrigin:
        first &&
        `the first port of ${kind} '${workload.node.path}', port ${first.containerPort}${first.name === undefined ? '' : ` named ${JSON.stringify(first.name)}`} of container ${JSON.stringify(first.container)}`,
      namespace: workload.metadata.namespace,
      workload,
    };
  }

  /**
   * The target a Service uses for `target`: a cdk8s-plus workload is read with
   * {@link ServiceTarget.fromPlusWorkload}, anything else is taken as it is.
   */
  public static of(target: ServiceTargetLike): IServiceTarget {
    return isPlusWorkload(target) ? ServiceTarget.fromPlusWorkload(target) : target;
  }

  private constructor() {}
}

/**
 * Recognizes a cdk8s-plus workload by shape rather than `instanceof`, so that the library does
 * not load cdk8s-plus at run time (it is large, and most charts never use it).
 */
export function isPlusWorkload(target: unknown): target is Workload {
  return (
    typeof target === 'object' &&
    target !== null &&
    'matchLabels' in target &&
    'podMetadata' in target &&
    'containers' in target &&
    'apiObject' in target
  );
}
