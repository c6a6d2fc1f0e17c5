import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeDeployment } from '../imports/k8s';
import { objectMeta, resolveNamespace } from './object-meta';
import { IDENTITY_LABEL_KEYS, RecommendedLabels, recommendedLabelMap } from './recommended-labels';
import { ContainerPortInfo, IServiceTarget } from './service-target';
import { ObjectRegistry } from './validation/object-registry';
import { Problems } from './validation/problems';
import { defineRules } from './validation/rule-catalog';
import { dns1123Label, dns1123Subdomain, formatValue, imageReference, portName } from './validation/rules';

/** The rules an EchoServer's Deployment follows, besides those of its metadata and labels. */
export const ECHO_SERVER_RULES = defineRules('Deployment', {
  nameLength: {
    id: 'deployment/name-length',
    level: 'warning',
    field: 'metadata.name',
    apiServer:
      "accepts a name of up to 253 characters; the Deployment controller names each ReplicaSet '<name>-<pod template hash>' (up to 11 more characters), which past 253 the API server refuses, so no pod is created",
    source:
      'ValidateDeploymentName (pkg/apis/apps/validation) accepts it; getNewReplicaSet (pkg/controller/deployment) does not shorten it',
  },
  nameDnsLabel: {
    id: 'deployment/name-dns-label',
    level: 'warning',
    field: 'metadata.name',
    apiServer:
      'accepts a name that is a DNS-1123 subdomain but not a DNS-1123 label (dots, or more than 63 characters), and warns: pod names and hostnames derive from it, which can behave surprisingly',
    source:
      'ValidateDeploymentName (pkg/apis/apps/validation) accepts it; deploymentStrategy.WarningsOnCreate warns (added in 1.27)',
  },
  replicas: {
    id: 'deployment/replicas',
    level: 'error',
    field: 'spec.replicas',
    apiServer:
      'rejects a negative count; JSON decoding refuses a fraction or a value above 2147483647, the int32 maximum',
    source: 'ValidateDeploymentSpec (pkg/apis/apps/validation), ValidateNonnegativeField; int32 decoding',
  },
  selectorRequired: {
    id: 'deployment/selector-required',
    level: 'error',
    field: 'spec.selector.matchLabels',
    apiServer: 'rejects an empty selector ("empty selector is invalid for deployment")',
    source: 'ValidateDeploymentSpec (pkg/apis/apps/validation)',
  },
  labelContradictsSelector: {
    id: 'deployment/label-contradicts-selector',
    level: 'contract',
    field: 'metadata.labels, spec.template.metadata.labels',
    apiServer:
      "never sees it: the pods carry the selector's value, so the label the props ask for on them cannot be honoured",
    source: 'a construct contract; ValidatePodTemplateSpecForReplicaSet requires the selector to match the pod labels',
  },
  containerName: {
    id: 'deployment/container-name',
    level: 'error',
    field: 'spec.template.spec.containers[].name',
    apiServer: 'rejects a container name that is not a DNS-1123 label',
    source: 'validateContainers (pkg/apis/core/validation), ValidateDNS1123Label',
  },
  containerPortName: {
    id: 'deployment/container-port-name',
    level: 'error',
    field: 'spec.template.spec.containers[].ports[].name',
    apiServer:
      "rejects a port name that is not an IANA service name: at most 15 lowercase letters, digits or '-', with a letter, no '--', not starting or ending with '-'",
    source: 'validateContainerPorts (pkg/apis/core/validation), IsValidPortName',
  },
  imageRequired: {
    id: 'deployment/image-required',
    level: 'error',
    field: 'spec.template.spec.containers[].image',
    apiServer: 'rejects an empty image',
    source: 'validateContainers (pkg/apis/core/validation)',
  },
  imageWhitespace: {
    id: 'deployment/image-whitespace',
    level: 'warning',
    field: 'spec.template.spec.containers[].image',
    apiServer:
      'accepts whitespace in a pod template image; it then rejects every pod created with leading or trailing whitespace, and the kubelet cannot pull a reference with whitespace inside (InvalidImageName)',
    source:
      'validateContainers (pkg/apis/core/validation) leaves it to validateContainersOnlyForPod, which checks pods, not templates',
  },
  imageReference: {
    id: 'deployment/image-reference',
    level: 'warning',
    field: 'spec.template.spec.containers[].image',
    apiServer:
      'accepts any non-empty image; the kubelet refuses a reference it cannot parse (an invisible or non-ASCII character, capitals in the repository path, a bad tag or digest), and the pods never start (InvalidImageName)',
    source:
      'validateContainers (pkg/apis/core/validation) accepts it; the kubelet parses it with ParseNormalizedNamed (applyDefaultImageTag, pkg/kubelet/images)',
  },
});

const INT32_MAX = 2 ** 31 - 1;
/** The longest Deployment name whose ReplicaSet names, `<name>-` and a hash of up to 10 characters, stay a valid name. */
const REPLICA_SET_SAFE_NAME_LENGTH = 253 - 11;

/** Properties of an {@link EchoServer}. */
export interface EchoServerProps {
  /** The Deployment's name, a DNS-1123 subdomain. @default - generated by cdk8s from the construct path */
  readonly name?: string;
  /** The namespace the Deployment lives in. @default - the chart's namespace; none when the chart has none */
  readonly namespace?: string;
  /** How many pods run, from 0 to 2147483647 (an int32). @default 1 */
  readonly replicas?: number;
  /**
   * An echoserver image: another tag of `registry.k8s.io/echoserver`, or a mirror of it. It must
   * listen on {@link EchoServer.PORT} as echoserver does; the port is not configurable. For any
   * other application use a cdk8s-plus Deployment, which Services accept as a target too.
   * Whitespace in it is a warning: Kubernetes accepts the Deployment, but no pod starts.
   * @default 'registry.k8s.io/echoserver:1.10'
   */
  readonly image?: string;
  /**
   * A name for the container port, so Services can target it by name: an IANA service name
   * (at most 15 lowercase letters, digits or '-', with at least one letter).
   * @default - unnamed
   */
  readonly containerPortName?: string;
  /** The container's name, a DNS-1123 label. @default 'echoserver' */
  readonly containerName?: string;
  /**
   * The labels that pick this Deployment's pods: its selector, on every pod, and what Services
   * select. Kubernetes does not let a Deployment's selector change, so keep them stable.
   * @default - the `app.kubernetes.io/name` and `app.kubernetes.io/instance` labels of `recommendedLabels`
   */
  readonly selectorLabels?: Readonly<Record<string, string>>;
  /**
   * The Kubernetes recommended labels, on the Deployment and its pods. Their `name` and
   * `instance` form the default selector; the others (version, component, ...) never join it.
   * @default - `name: 'echoserver'` and a generated `instance` when `selectorLabels` is not given; none when it is
   */
  readonly recommendedLabels?: RecommendedLabels;
  /** More labels on the Deployment and its pods, never in the selector, so they can change freely. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

const DEFAULT_IMAGE = 'registry.k8s.io/echoserver:1.10';

/**
 * The echoserver: a Deployment whose pods answer every HTTP request with a description of it,
 * which makes it easy to see which Service and pod served a request.
 *
 * Built on the generated `KubeDeployment` rather than cdk8s-plus, whose defaults (non-root
 * security context, read-only root filesystem, resource requests, probes) would stop this
 * image, which runs as root and writes to its filesystem, from starting.
 *
 * Services take it as their target, deriving their selector and targetPort from it.
 *
 * Checks ({@link ECHO_SERVER_RULES}): name, namespace, container name and port name formats;
 * replicas from 0 to the int32 maximum; a non-empty image and selector; labels that do not
 * contradict the selector (a contract); whitespace in the image is a warning.
 */
export class EchoServer extends Construct implements IServiceTarget {
  /** The port the echoserver image listens on. */
  public static readonly PORT = 8080;

  /** The Deployment's name as rendered: the given one, or the one cdk8s generated. */
  public readonly name: string;
  /** The Deployment's namespace as rendered: the given one, else the chart's; undefined when neither is set. */
  public readonly namespace?: string;
  /** The labels that pick the pods: the Deployment's selector, and what Services select. */
  public readonly selector: Readonly<Record<string, string>>;
  /** Every label the pods carry: the selector labels and the others. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** The single port the container exposes, {@link EchoServer.PORT}. */
  public readonly containerPorts: readonly ContainerPortInfo[];
  /** Services send traffic to the container port, by name when it has one. */
  public readonly defaultTargetPort: number | string;
  /** The prop {@link defaultTargetPort} comes from, named in Services' messages about it. */
  public readonly defaultTargetPortOrigin: string;
  /** This construct, named in the messages of services that target it. */
  public readonly workload: Construct = this;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeDeployment;

  constructor(scope: Construct, id: string, props: EchoServerProps = {}) {
    super(scope, id);
    const problems = new Problems(this, 'EchoServer');
    const recommended =
      props.recommendedLabels !== undefined || props.selectorLabels === undefined
        ? recommendedLabelMap({ name: 'echoserver', instance: Names.toLabelValue(this), ...props.recommendedLabels })
        : {};
    this.selector = {
      ...(props.selectorLabels ??
        Object.fromEntries(IDENTITY_LABEL_KEYS.filter((k) => k in recommended).map((k) => [k, recommended[k]]))),
    };
    const objectLabels = { ...recommended, ...props.labels };
    for (const [key, value] of Object.entries(objectLabels)) {
      if (key in this.selector && this.selector[key] !== value) {
        problems.check(
          ECHO_SERVER_RULES.labelContradictsSelector,
          `labels[${JSON.stringify(key)}]`,
          value,
          `contradicts the selector label ${formatValue(this.selector[key])}: the pods must carry the selector's value`,
        );
      }
    }
    this.podLabels = { ...objectLabels, ...this.selector };
    this.namespace = resolveNamespace(this, props.namespace);
    const replicas = props.replicas ?? 1;
    const containerImage = props.image ?? DEFAULT_IMAGE;
    const containerName = props.containerName ?? 'echoserver';
    // An empty port name is no name, as validateContainerPorts reads it.
    const containerPortName = props.containerPortName || undefined;
    const port: ContainerPortInfo = { containerPort: EchoServer.PORT, name: containerPortName };
    this.containerPorts = [port];
    this.defaultTargetPort = containerPortName ?? EchoServer.PORT;
    this.defaultTargetPortOrigin = `${containerPortName === undefined ? 'EchoServer.PORT' : 'containerPortName'} of EchoServer '${this.node.path}'`;

    this.resource = new KubeDeployment(this, 'Resource', {
      metadata: objectMeta({
        name: props.name,
        namespace: this.namespace,
        labels: Object.keys(objectLabels).length > 0 ? objectLabels : undefined,
      }),
      spec: {
        replicas,
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels: { ...this.podLabels } },
          spec: {
            containers: [{ name: containerName, image: containerImage, ports: [{ ...port }] }],
          },
        },
      },
    });
    this.name = this.resource.name;

    const R = ECHO_SERVER_RULES;
    problems.name(this.name, props.name === undefined, dns1123Subdomain);
    problems.namespace(this.namespace);
    // Only a valid name gets a warning, and only the one that matters more: a name too long for
    // its ReplicaSets creates no pod at all.
    if (dns1123Subdomain(this.name) === undefined) {
      if (this.name.length > REPLICA_SET_SAFE_NAME_LENGTH) {
        problems.check(
          R.nameLength,
          'name',
          this.name,
          `is ${this.name.length} characters long: the ReplicaSets the Deployment creates, named '<name>-<hash>', can exceed 253 characters and be refused; keep it to ${REPLICA_SET_SAFE_NAME_LENGTH}`,
        );
      } else {
        const label = dns1123Label(this.name);
        problems.check(
          R.nameDnsLabel,
          'name',
          this.name,
          label && `${label}, to be safe in the pod names and hostnames made from it (the API server warns too)`,
        );
      }
    }
    problems.check(
      R.replicas,
      'replicas',
      replicas,
      Number.isInteger(replicas) && replicas >= 0 && replicas <= INT32_MAX
        ? undefined
        : `must be an integer from 0 to ${INT32_MAX}`,
    );
    if (containerImage === '') {
      problems.record(R.imageRequired, 'image "" is empty: a container needs an image');
    } else if (/\s/.test(containerImage)) {
      problems.check(
        R.imageWhitespace,
        'image',
        containerImage,
        containerImage.trim() !== containerImage
          ? 'has leading or trailing whitespace: the Deployment is accepted, but the API server rejects every pod it creates'
          : 'has whitespace inside: the kubelet cannot parse it as an image reference, so no pod starts',
      );
    } else {
      problems.check(R.imageReference, 'image', containerImage, imageReference(containerImage));
    }
    if (containerPortName !== undefined) {
      problems.check(R.containerPortName, 'containerPortName', containerPortName, portName(containerPortName));
    }
    problems.check(R.containerName, 'containerName', containerName, dns1123Label(containerName));
    problems.labels('selectorLabels', this.selector);
    // Selector labels are checked once, as selectorLabels, even where the object carries them too.
    problems.labels(
      'labels',
      Object.fromEntries(Object.entries(objectLabels).filter(([key, value]) => this.selector[key] !== value)),
    );
    if (Object.keys(this.selector).length === 0) {
      problems.check(
        R.selectorRequired,
        'selectorLabels',
        this.selector,
        'must hold at least one label: they are the Deployment selector',
      );
    }
    ObjectRegistry.of(this);
  }
}
