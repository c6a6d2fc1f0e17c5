import { ApiObject, JsonPatch } from 'cdk8s';
import type { StatefulSet } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { isPlusWorkload } from '../service-target';
import { describe } from '../validation/problems';
import { defineRules } from '../validation/rule-catalog';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** The rules of a headless Service beyond those of every selecting Service. */
export const HEADLESS_RULES = defineRules('Service', {
  governStatefulSet: {
    id: 'headless/govern-stateful-set',
    level: 'contract',
    field: 'StatefulSet spec.serviceName',
    apiServer: 'not an API rule: a StatefulSet names one governing Service',
    source: 'construct contract: governStatefulSet true asks to replace a governing Service the StatefulSet was given',
  },
});

/** Properties of a {@link HeadlessService}. */
export interface HeadlessServiceProps extends Omit<SelectingServiceProps, 'sessionAffinity'> {
  /**
   * When the target is a cdk8s-plus StatefulSet, become its governing Service: the headless
   * Service cdk8s-plus generated for it is removed and the StatefulSet's `serviceName` names
   * this one. `false` keeps cdk8s-plus's Service and makes this one an extra.
   * @default true
   */
  readonly governStatefulSet?: boolean;
}

/**
 * A headless Service (`clusterIP: None`): no virtual IP and no kube-proxy; its DNS name
 * resolves to the IPs of the ready pods themselves. Used as the governing Service of a
 * StatefulSet, for peer discovery, and by clients that balance load on their own.
 *
 * Given a cdk8s-plus `StatefulSet` as its target, it governs it (see `governStatefulSet`),
 * so exactly one headless Service exists and pods get the DNS names
 * `<pod>.<this service>.<namespace>.svc.cluster.local`. The StatefulSet's `service`
 * property still refers to the Service cdk8s-plus generated, which is no longer rendered.
 *
 * Checks, beyond those of every selecting Service: session affinity, which the props leave
 * out because it needs a virtual IP, is a warning when JavaScript callers pass it anyway; a StatefulSet it should govern has no other
 * governing Service already. `ports: []` is allowed: a headless Service may have no ports.
 */
export class HeadlessService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'Headless' as const;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id, props, {
      className: 'HeadlessService',
      spec: { clusterIp: 'None' },
      accepts: [],
    });
    if (props.governStatefulSet !== false && isPlusStatefulSet(props.target)) {
      this.govern(props.target, props.governStatefulSet === true);
    }
  }

  private govern(statefulSet: StatefulSet, explicit: boolean): void {
    const generated = statefulSet.node.tryFindChild('Service');
    if (generated === undefined || generated !== statefulSet.service) {
      if (explicit) {
        this.problems.check(
          HEADLESS_RULES.governStatefulSet,
          'governStatefulSet',
          true,
          `cannot govern ${describe(statefulSet, 'StatefulSet')}: it was given its own governing Service ${JSON.stringify(statefulSet.service.name)}`,
        );
      }
      return;
    }
    statefulSet.node.tryRemoveChild('Service');
    const resource = ApiObject.of(statefulSet);
    resource.addJsonPatch(JsonPatch.replace('/spec/serviceName', this.name));
    // As with the Service cdk8s-plus generates: the governing Service is applied first.
    resource.node.addDependency(this.resource);
  }
}

function isPlusStatefulSet(target: unknown): target is StatefulSet {
  return isPlusWorkload(target) && ApiObject.of(target).kind === 'StatefulSet' && 'service' in target;
}
