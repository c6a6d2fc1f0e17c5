import { Construct } from 'constructs';
import { KubeDeployment } from '../imports/k8s';
import { ContainerPortInfo, IServiceTarget } from './service-target';
import { TUTORIAL } from './tutorial';
import { Problems } from './validation/problems';
import { dns1123Label, dns1123Subdomain, image, nonNegativeInteger, portName, portNumber } from './validation/rules';
import { ObjectRegistry } from './validation/object-registry';

/** Properties of an {@link EchoServer}. */
export interface EchoServerProps {
  /** The Deployment's name, a DNS-1123 subdomain. @default 'echo-server' */
  readonly name?: string;
  /** The namespace the Deployment lives in. @default 'service-types-demo' */
  readonly namespace?: string;
  /** How many pods run. @default 2 */
  readonly replicas?: number;
  /** The container image. @default 'registry.k8s.io/echoserver:1.10' */
  readonly image?: string;
  /** The port the echoserver listens on inside the container. @default 8080 */
  readonly containerPort?: number;
  /** A name for the container port, so services can target it by name. @default - unnamed */
  readonly containerPortName?: string;
  /** The container's name, a DNS-1123 label. @default 'echo-server' */
  readonly containerName?: string;
  /** The pod labels, which are also the Deployment's selector and the services' selector. @default { app: 'echo-server' } */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The tutorial's echoserver: a Deployment whose pods answer every HTTP request with a
 * description of it, which makes it easy to see which Service and pod served a request.
 *
 * Built on the generated `KubeDeployment` rather than cdk8s-plus, whose defaults (non-root
 * security context, read-only root filesystem, resource requests, probes, a generated
 * selector label) would change what the tutorial's manifest means and stop this image,
 * which runs as root and writes to its filesystem, from starting.
 *
 * Services take it as their target, deriving their selector and targetPort from it.
 */
export class EchoServer extends Construct implements IServiceTarget {
  /** The Deployment's name. */
  public readonly name: string;
  /** The namespace the Deployment lives in. */
  public readonly namespace: string;
  /** The labels the pods carry. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** The labels a Service selects these pods by: all of the pod labels. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The single port the container exposes. */
  public readonly containerPorts: readonly ContainerPortInfo[];
  /** Services send traffic to the container port, by name when it has one. */
  public readonly defaultTargetPort: number | string;
  /** This construct, named in the messages of services that target it. */
  public readonly workload: Construct = this;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeDeployment;

  constructor(scope: Construct, id: string, props: EchoServerProps = {}) {
    super(scope, id);
    this.name = props.name ?? TUTORIAL.deploymentName;
    this.namespace = props.namespace ?? TUTORIAL.namespace;
    this.podLabels = { ...(props.labels ?? TUTORIAL.podLabels) };
    this.selector = this.podLabels;
    const replicas = props.replicas ?? TUTORIAL.replicas;
    const containerImage = props.image ?? TUTORIAL.image;
    const containerPort = props.containerPort ?? TUTORIAL.containerPort;
    const containerName = props.containerName ?? TUTORIAL.containerName;
    const port: ContainerPortInfo = { containerPort, name: props.containerPortName };
    this.containerPorts = [port];
    this.defaultTargetPort = props.containerPortName ?? containerPort;

    const problems = new Problems(this, 'EchoServer');
    problems.rule('name', this.name, dns1123Subdomain);
    problems.rule('namespace', this.namespace, dns1123Label);
    problems.rule('replicas', replicas, nonNegativeInteger);
    problems.rule('image', containerImage, image);
    problems.rule('containerPort', containerPort, portNumber);
    if (props.containerPortName !== undefined) {
      problems.rule('containerPortName', props.containerPortName, portName);
    }
    problems.rule('containerName', containerName, dns1123Label);
    problems.labels('labels', this.podLabels);
    if (Object.keys(this.podLabels).length === 0) {
      problems.check('labels', this.podLabels, 'must hold at least one label: they are the Deployment selector');
    }

    this.resource = new KubeDeployment(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        replicas,
        selector: { matchLabels: { ...this.podLabels } },
        template: {
          metadata: { labels: { ...this.podLabels } },
          spec: {
            containers: [{ name: containerName, image: containerImage, ports: [{ ...port }] }],
          },
        },
      },
    });
    ObjectRegistry.of(this);
  }
}
