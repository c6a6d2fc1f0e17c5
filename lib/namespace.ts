import { Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeNamespace } from '../imports/k8s';
import { TUTORIAL } from './tutorial';
import { Problems } from './validation/problems';
import { dns1123Label } from './validation/rules';
import { ObjectRegistry } from './validation/object-registry';

/** Properties of a {@link Namespace}. */
export interface NamespaceProps {
  /** The namespace's name, a DNS-1123 label. @default 'service-types-demo' */
  readonly name?: string;
  /** Labels on the Namespace object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A Kubernetes Namespace, the room every other object of the demo lives in.
 *
 * Built on the generated `KubeNamespace`: a namespace is cluster-scoped, so it never carries
 * `metadata.namespace`, even inside a chart that sets a default namespace.
 */
export class Namespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeNamespace;

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id);
    this.name = props.name ?? TUTORIAL.namespace;
    const problems = new Problems(this, 'Namespace');
    problems.rule('name', this.name, dns1123Label);
    problems.labels('labels', props.labels ?? {});

    this.resource = new KubeNamespace(this, 'Resource', {
      metadata: { name: this.name, labels: props.labels && { ...props.labels } },
    });
    if (Chart.of(this).namespace !== undefined) {
      this.resource.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    ObjectRegistry.of(this);
  }
}
