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
 * {@link ServiceTarget.labels} for pods created elsewhere.
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
  /** The construct that owns the pods, named in error messages. @default - none */
  readonly workload?: IConstruct;
}

/** Options for {@link ServiceTarget.labels}. */
export interface LabelTargetOptions {
  /** The port, or port name, on the pods that traffic is sent to. @default - none: set targetPort on the Service */
  readonly targetPort?: number | string;
}

/** Factories for service targets that are not workload constructs of this library. */
export class ServiceTarget {
  /**
   * Pods created elsewhere, selected by their labels.
   *
   * Nothing is known of their ports, so the Service's targetPort is checked for format only.
   */
  public static labels(selector: Readonly<Record<string, string>>, options: LabelTargetOptions = {}): IServiceTarget {
    return { selector: { ...selector }, defaultTargetPort: options.targetPort };
  }

  /**
   * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, ...): its selector, pod labels
   * and container ports, read when the Service is created, so add containers first.
   */
  public static fromPlusWorkload(workload: Workload): IServiceTarget {
    const containerPorts = workload.containers.flatMap((c) =>
      c.ports.map((p) => ({ containerPort: p.number, name: p.name, protocol: p.protocol as Protocol | undefined })),
    );
    const first = containerPorts[0];
    return {
      selector: workload.matchLabels,
      podLabels: workload.podMetadata.toJson().labels ?? {},
      containerPorts,
      defaultTargetPort: first && (first.name ?? first.containerPort),
      workload,
    };
  }

  private constructor() {}
}
