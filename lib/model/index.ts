// The library's Kubernetes model: defaults, create-time checks of any object, and what a change
// to a running cluster does, for the constructs and the commands alike.
export * from './objects';
export * from './plan';
export * from './service-spec';
export * from './object-checks';
export { createFindings, FindingOptions, MODELLED_KINDS, orphanFindings, updateFindings } from './verdicts';
export {
  SERVICE_OBJECT_RULES,
  WORKLOAD_OBJECT_RULES,
  INGRESS_OBJECT_RULES,
  NAMESPACE_OBJECT_RULES,
} from './object-check-rules';
export {
  SERVICE_UPDATE_RULES,
  serviceAsUpdated,
  serviceCreate,
  serviceLeftRunning,
  serviceUpdate,
} from './service-updates';
export { WORKLOAD_UPDATE_RULES, deploymentUpdate, statefulSetCreate, statefulSetUpdate } from './workload-updates';
export { INGRESS_UPDATE_RULES, ingressCreate, ingressUpdate } from './ingress-updates';
export { NAMESPACE_UPDATE_RULES, SYSTEM_NAMESPACES, isSystemNamespace, namespaceUpdate } from './namespace-updates';
