import { ApiObject, JsonPatch } from 'cdk8s';
import type { StatefulSet } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { isPlusWorkload } from '../service-target';
import { describe } from '../validation/problems';
import { HEADLESS_RULES } from './headless-service.rules';
import { SelectingService, SelectingServiceProps, SelectingServiceTypeSpec } from './selecting-service';
import { AnyServiceOptions, SERVICE_OPTION_RULES } from './service-options';

export { HEADLESS_RULES } from './headless-service.rules';

/** Properties of a {@link HeadlessService}. */
export interface HeadlessServiceProps extends Omit<SelectingServiceProps, 'sessionAffinity'> {
  /**
   * When the target is a cdk8s-plus StatefulSet, become its governing Service: the headless
   * Service cdk8s-plus generated for it is removed and the StatefulSet's `serviceName` names
   * this one. `false` keeps cdk8s-plus's Service and makes this one an extra. A StatefulSet
   * has one governing Service (`spec.serviceName`), so governing one that already has another
   * (given to it, or governed by another HeadlessService) fails synth, whether `true` is written
   * or left to the default.
   * @default true
   */
  readonly governStatefulSet?: boolean;
}

/**
 * The contract of a headless Service: `clusterIP: None` and no type; no type-specific option;
 * `ports: []` allowed, as a headless Service may have no ports; an unset ipFamilyPolicy is
 * RequireDualStack without a selector. Checks ({@link HEADLESS_RULES}): session affinity,
 * which the props leave out because it needs a virtual IP, is a warning when JavaScript callers
 * pass it anyway; a StatefulSet it should govern has no other governing Service already.
 */
export const HEADLESS_SERVICE: SelectingServiceTypeSpec<HeadlessServiceProps> = {
  className: 'HeadlessService',
  typeFields: { clusterIp: 'None' },
  accepts: [],
  check: ({ problems }, props) => {
    const affinity = (props as AnyServiceOptions).sessionAffinity;
    if (affinity !== undefined) {
      problems.check(
        SERVICE_OPTION_RULES.headlessAffinity,
        'sessionAffinity',
        affinity,
        'has no effect on a headless Service: kube-proxy does not handle it, clients connect to pod IPs directly',
      );
    }
  },
};

/**
 * A headless Service (`clusterIP: None`): no virtual IP and no kube-proxy; its DNS name
 * resolves to the IPs of the ready pods themselves. Used as the governing Service of a
 * StatefulSet, for peer discovery, and by clients that balance load on their own.
 *
 * Given a cdk8s-plus `StatefulSet` as its target, it governs it (see `governStatefulSet`),
 * so exactly one headless Service exists and pods get the DNS names
 * `<pod>.<this service>.<namespace>.svc.cluster.local`. The StatefulSet's `service`
 * property still refers to the Service cdk8s-plus generated, which is no longer rendered;
 * {@link HeadlessService.governing} returns the one that governs it.
 *
 * Its contract: {@link HEADLESS_SERVICE}.
 */
export class HeadlessService extends SelectingService {
  /**
   * The HeadlessService that governs `statefulSet` (whose name its `spec.serviceName` holds);
   * undefined when none does, and the StatefulSet keeps the Service cdk8s-plus made or was given
   * (`statefulSet.service`). Use it rather than `statefulSet.service`, which still returns the
   * Service cdk8s-plus generated after a HeadlessService replaced it.
   */
  public static governing(statefulSet: StatefulSet): HeadlessService | undefined {
    return governors.get(statefulSet);
  }

  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'Headless' as const;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id, props, HEADLESS_SERVICE);
    if (props.governStatefulSet !== false && isPlusStatefulSet(props.target)) {
      this.govern(
        props.target,
        props.governStatefulSet === undefined ? 'governStatefulSet (default true)' : 'governStatefulSet',
      );
    }
  }

  private govern(statefulSet: StatefulSet, property: string): void {
    const governor = governors.get(statefulSet);
    // cdk8s-plus generates this child only for a StatefulSet given no Service of its own.
    const generated = statefulSet.node.tryFindChild('Service');
    const other =
      governor !== undefined
        ? `${describe(governor, 'HeadlessService')} (name ${JSON.stringify(governor.name)}) already governs it`
        : generated !== statefulSet.service
          ? `it was given its own governing Service ${JSON.stringify(statefulSet.service.name)}`
          : undefined;
    if (other !== undefined) {
      this.problems.check(
        HEADLESS_RULES.governStatefulSet,
        property,
        true,
        `cannot govern ${describe(statefulSet, 'StatefulSet')}: ${other}, and a StatefulSet names one governing Service; set governStatefulSet: false to make this one an extra Service`,
      );
      return;
    }
    governors.set(statefulSet, this);
    statefulSet.node.tryRemoveChild('Service');
    const resource = ApiObject.of(statefulSet);
    resource.addJsonPatch(JsonPatch.replace('/spec/serviceName', this.name));
    // As with the Service cdk8s-plus generates: the governing Service is applied first.
    resource.node.addDependency(this.resource);
  }
}

/** The HeadlessService that replaced the Service cdk8s-plus generated for a StatefulSet. */
const governors = new WeakMap<StatefulSet, HeadlessService>();

function isPlusStatefulSet(target: unknown): target is StatefulSet {
  return isPlusWorkload(target) && ApiObject.of(target).kind === 'StatefulSet' && 'service' in target;
}
