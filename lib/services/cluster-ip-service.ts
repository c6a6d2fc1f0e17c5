import { Construct } from 'constructs';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link ClusterIpService}. */
export type ClusterIpServiceProps = SelectingServiceProps;

/**
 * A ClusterIP Service: one stable virtual IP and DNS name, reachable only from inside the
 * cluster. The right choice for one workload calling another, and the backend of an Ingress.
 */
export class ClusterIpService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'ClusterIP' as const;

  constructor(scope: Construct, id: string, props: ClusterIpServiceProps) {
    super(scope, id, props, {
      className: 'ClusterIpService',
      spec: { type: 'ClusterIP' },
      accepts: [],
    });
  }
}
