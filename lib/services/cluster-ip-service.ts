import { Construct } from 'constructs';
import { SelectingService, SelectingServiceProps, SelectingServiceTypeSpec } from './selecting-service';

/** Properties of a {@link ClusterIpService}. */
export type ClusterIpServiceProps = SelectingServiceProps;

/**
 * The contract of a ClusterIP Service: `type: ClusterIP`; no type-specific option (node ports,
 * externalTrafficPolicy and the load balancer fields are refused); no rules and no defaults
 * beyond those of every selecting Service ({@link SelectingService}).
 */
export const CLUSTER_IP_SERVICE: SelectingServiceTypeSpec<ClusterIpServiceProps> = {
  className: 'ClusterIpService',
  typeFields: { type: 'ClusterIP' },
  accepts: [],
};

/**
 * A ClusterIP Service: one stable virtual IP and DNS name, reachable only from inside the
 * cluster. The right choice for one workload calling another, and the backend of an Ingress.
 * Its contract: {@link CLUSTER_IP_SERVICE}.
 */
export class ClusterIpService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'ClusterIP' as const;

  constructor(scope: Construct, id: string, props: ClusterIpServiceProps) {
    super(scope, id, props, CLUSTER_IP_SERVICE);
  }
}
