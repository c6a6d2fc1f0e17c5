import { defineRules } from './validation/rule-catalog';

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
