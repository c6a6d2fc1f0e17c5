import { ApiObject, JsonPatch } from 'cdk8s';
import type { StatefulSet } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { isPlusWorkload } from '../service-target';
import { describe } from '../validation/problems';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link HeadlessService}. */
export interface HeadlessServiceProps extends Omit<SelectingServiceProps, 'sessionAffinity'> {
  /** Publish DNS records for pods that are not ready yet, so StatefulSet members can find each other while starting. @default false */
  readonly publishNotReadyAddresses?: boolean;
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
 * Checks, beyond those of every selecting Service: no session affinity, which needs a
 * virtual IP; a StatefulSet it should govern has no other governing Service already.
 */
export class HeadlessService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'Headless' as const;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id, props, {
      className: 'HeadlessService',
      spec: { clusterIp: 'None', publishNotReadyAddresses: props.publishNotReadyAddresses },
      accepts: ['publishNotReadyAddresses'],
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
