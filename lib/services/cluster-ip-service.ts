import { Construct } from 'constructs';
import { TUTORIAL } from '../tutorial';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link ClusterIpService}. */
export type ClusterIpServiceProps = SelectingServiceProps;

/**
 * A ClusterIP Service: one stable virtual IP and DNS name, reachable only from inside the
 * cluster. The right choice for one workload calling another.
 */
export class ClusterIpService extends SelectingService {
  constructor(scope: Construct, id: string, props: ClusterIpServiceProps) {
    super(scope, id, 'ClusterIpService', TUTORIAL.serviceNames.clusterIp, props, { type: 'ClusterIP' });
  }
}
