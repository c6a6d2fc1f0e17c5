import { defineRules } from '../validation/rule-catalog';

/*
 * The create-time rules {@link checkObject} applies that no construct checks, because the
 * constructs never render what breaks them. Rules the constructs check too are defined beside
 * their construct and reused, so each rule has one id and one text.
 */

/** Rules of any Service, whoever built it. */
export const SERVICE_OBJECT_RULES = defineRules('Service', {
  type: {
    id: 'service/type',
    level: 'error',
    field: 'spec.type',
    apiServer: 'rejects a type other than ClusterIP, NodePort, LoadBalancer or ExternalName (unset is ClusterIP)',
    source: 'ValidateService (supportedServiceType); SetDefaults_Service',
  },
  headlessType: {
    id: 'service/headless-type',
    level: 'error',
    field: 'spec.clusterIP',
    apiServer: "rejects clusterIP 'None' on a NodePort or LoadBalancer Service",
    source: 'ValidateService (isHeadlessService)',
  },
  clusterIPs: {
    id: 'service/cluster-ips',
    level: 'error',
    field: 'spec.clusterIP, spec.clusterIPs',
    apiServer:
      "rejects a cluster IP that is not an IP address, clusterIPs whose first value is not clusterIP, 'None' beside another value, more than two values, two of one family, and a value of another family than ipFamilies says",
    source: 'ValidateServiceClusterIPsRelatedFields',
  },
  externalNameFields: {
    id: 'external-name/cluster-fields',
    level: 'error',
    field: 'spec.clusterIP, spec.clusterIPs, spec.ipFamilies, spec.ipFamilyPolicy',
    apiServer: 'rejects cluster IPs, IP families and an IP family policy on an ExternalName Service',
    source: 'ValidateService (ServiceTypeExternalName)',
  },
  sessionAffinity: {
    id: 'service/session-affinity',
    level: 'error',
    field: 'spec.sessionAffinity',
    apiServer: 'rejects a value other than None or ClientIP (unset is None)',
    source: 'ValidateService (supportedSessionAffinityType); SetDefaults_Service',
  },
  externalIP: {
    id: 'service/external-ip',
    level: 'error',
    field: 'spec.externalIPs[]',
    apiServer: 'rejects an entry that is not an IPv4 or IPv6 address',
    source: 'ValidateService, IsValidIP',
  },
});

/** Rules of the label selectors and pod templates of any Deployment or StatefulSet. */
export const WORKLOAD_OBJECT_RULES = defineRules('Deployment, StatefulSet', {
  nonNegative: {
    id: 'workload/non-negative',
    level: 'error',
    field: 'spec.replicas (of a StatefulSet), spec.minReadySeconds, spec.revisionHistoryLimit',
    apiServer:
      'rejects a negative count; JSON decoding refuses a fraction or a value above 2147483647, the int32 maximum',
    source:
      'ValidateDeploymentSpec, ValidateStatefulSetSpec (pkg/apis/apps/validation), ValidateNonnegativeField; int32 decoding',
  },
  selectorRequired: {
    id: 'workload/selector-required',
    level: 'error',
    field: 'spec.selector',
    apiServer:
      'rejects a StatefulSet without a selector, or with an empty one ("empty selector is invalid for statefulset")',
    source: 'ValidateStatefulSetSpec (pkg/apis/apps/validation)',
  },
  selectorExpression: {
    id: 'workload/selector-expression',
    level: 'error',
    field: 'spec.selector.matchExpressions[]',
    apiServer:
      'rejects an operator other than In, NotIn, Exists or DoesNotExist, In or NotIn without values, and Exists or DoesNotExist with values',
    source: 'ValidateLabelSelectorRequirement (apimachinery pkg/apis/meta/v1/validation)',
  },
  selectorMatchesTemplate: {
    id: 'workload/selector-matches-template',
    level: 'error',
    field: 'spec.template.metadata.labels',
    apiServer:
      'rejects a pod template whose labels the selector does not match ("`selector` does not match template `labels`")',
    source:
      'ValidateDeploymentSpec and ValidateStatefulSetSpec: selector must match template labels (pkg/apis/apps/validation/validation.go)',
  },
  restartPolicy: {
    id: 'workload/restart-policy',
    level: 'error',
    field: 'spec.template.spec.restartPolicy, spec.template.spec.activeDeadlineSeconds',
    apiServer: 'rejects a restartPolicy other than Always (unset is Always), and any activeDeadlineSeconds',
    source:
      'ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec (pkg/apis/apps/validation); SetDefaults_PodSpec',
  },
  containers: {
    id: 'workload/containers',
    level: 'error',
    field: 'spec.template.spec.containers',
    apiServer:
      'rejects a pod template without containers, two containers of one name, a container port outside 1-65535 and a protocol other than TCP, UDP or SCTP; for a StatefulSet also a container name that is not a DNS-1123 label, an empty image, and a port name that is not an IANA service name (the Deployment rules of the same names say so for Deployments)',
    source: 'validateContainers, validateContainerPorts (pkg/apis/core/validation)',
  },
  strategy: {
    id: 'workload/strategy',
    level: 'error',
    field: 'spec.strategy, spec.updateStrategy, spec.podManagementPolicy',
    apiServer:
      'rejects an unknown strategy type or pod management policy, rollingUpdate with Recreate or OnDelete, maxUnavailable above 100%, maxUnavailable and maxSurge both 0, and a negative partition',
    source:
      'ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidateStatefulSetSpec (pkg/apis/apps/validation)',
  },
  progressDeadline: {
    id: 'workload/progress-deadline',
    level: 'error',
    field: 'spec.progressDeadlineSeconds',
    apiServer: 'rejects a progressDeadlineSeconds that is not greater than minReadySeconds',
    source: 'ValidateDeploymentSpec (pkg/apis/apps/validation)',
  },
});

/** Rules of any Ingress backend, whoever built it. */
export const INGRESS_OBJECT_RULES = defineRules('Ingress', {
  backendKind: {
    id: 'ingress/backend-kind',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend, spec.defaultBackend',
    apiServer: 'rejects a backend with both a service and a resource, or with neither',
    source: 'validateIngressBackend (pkg/apis/networking/validation)',
  },
});

/** Rules of any Namespace, whoever built it. */
export const NAMESPACE_OBJECT_RULES = defineRules('Namespace', {
  finalizer: {
    id: 'namespace/finalizer',
    level: 'error',
    field: 'spec.finalizers[]',
    apiServer:
      "rejects a finalizer that is not a qualified name, and one without a '/' prefix other than kubernetes, orphan or foregroundDeletion",
    source: 'ValidateNamespace, validateFinalizerName, IsStandardFinalizerName (pkg/apis/core/validation)',
  },
  system: {
    id: 'namespace/system',
    level: 'warning',
    field: 'metadata.name, metadata.namespace',
    apiServer:
      'accepts objects in default, kube-system, kube-public and kube-node-lease, which the control plane owns and other components use; it refuses to delete the first three',
    source: 'NamespaceLifecycle admission (immortal namespaces); the system namespaces controller (pkg/controlplane)',
  },
});
