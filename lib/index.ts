// The public API of the library. The app in app/ and main.ts imports from here like any consumer.
export * from './namespace';
export * from './echo-server';
export * from './recommended-labels';
export * from './service-target';
export * from './services/service-base';
export * from './services/selecting-service';
export * from './services/cluster-ip-service';
export * from './services/node-port-service';
export * from './services/load-balancer-service';
export * from './services/headless-service';
export * from './services/external-name-service';
export {
  AnyServiceOptions,
  ClientIpAffinity,
  IpFamily,
  IpFamilyPolicy,
  LoadBalancerServiceOptions,
  NodePortServiceOptions,
  SelectingServiceOptions,
  SERVICE_OPTION_RULES,
  ServiceTypeCheckContext,
  ServiceTypeSpec,
  TrafficPolicy,
  TypeSpecificOption,
} from './services/service-options';
export * from './ingress';
export { NODE_PORT_RANGE_CONTEXT, DEFAULT_NODE_PORT_RANGE, NODE_PORT_RULES } from './services/node-ports';
export {
  composeDemo,
  DEMO_RULES,
  DemoPart,
  DemoResources,
  SERVICE_KINDS,
  ServiceKind,
  ServiceTypesDemoProps,
} from './demo/compose';
export * from './demo/service-types-demo';
export * as formats from './validation/formats';
export { Warnings, ValidationWarning, WarningOptions } from './validation/warnings';
export { RuleInfo, RuleLevel, ruleCatalog, ruleTable } from './validation/rule-catalog';
export { APP_RULES } from './validation/object-registry';
export { METADATA_RULES } from './object-meta';
export * from './gateway';
export * as model from './model';
export { synth } from './synth';
