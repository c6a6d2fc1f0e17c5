import { Construct } from 'constructs';
import { KubeService, ServiceSpec } from '../../imports/k8s';
import { TUTORIAL } from '../tutorial';
import { ObjectRegistry } from '../validation/object-registry';
import { Problems } from '../validation/problems';
import { dns1035Label, dns1123Label } from '../validation/rules';

/** Properties every Service construct accepts. */
export interface ServiceProps {
  /** The Service's name, a DNS-1035 label; it is also the DNS name clients use. @default - the tutorial's name for this Service type */
  readonly name?: string;
  /** The namespace the Service lives in. @default 'service-types-demo' */
  readonly namespace?: string;
  /** Labels on the Service object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the Service object, for example cloud load balancer settings. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * What all Service constructs share: name, namespace, metadata and the rendered object.
 *
 * Every Service type is built on the generated `KubeService` rather than cdk8s-plus's
 * `Service`, which renders `externalIPs: []` on every Service and cannot express an
 * ExternalName or headless Service.
 */
export abstract class ServiceBase extends Construct {
  /** The Service's name, which is also its DNS name inside the namespace. */
  public readonly name: string;
  /** The namespace the Service lives in. */
  public readonly namespace: string;
  /** Collects invalid settings for this Service, reported at synth. */
  protected readonly problems: Problems;
  private readonly metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };

  protected constructor(scope: Construct, id: string, className: string, defaultName: string, props: ServiceProps) {
    super(scope, id);
    this.name = props.name ?? defaultName;
    this.namespace = props.namespace ?? TUTORIAL.namespace;
    this.metadata = {
      labels: props.labels && { ...props.labels },
      annotations: props.annotations && { ...props.annotations },
    };
    this.problems = new Problems(this, className);
    this.problems.rule('name', this.name, dns1035Label);
    this.problems.rule('namespace', this.namespace, dns1123Label);
    this.problems.labels('labels', props.labels ?? {});
    this.problems.annotations('annotations', props.annotations ?? {});
    ObjectRegistry.of(this);
  }

  /** The in-cluster DNS name of this Service. */
  public get dnsName(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local`;
  }

  /** Renders the Service object; subclasses call it once, at the end of their constructor. */
  protected renderService(spec: ServiceSpec): KubeService {
    return new KubeService(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, ...this.metadata },
      spec,
    });
  }
}
