import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describe } from './problems';
import { defineRules } from './rule-catalog';

/** The rules no single construct can check: they are about the objects of the whole app. */
export const APP_RULES = defineRules('any', {
  duplicateObject: {
    id: 'app/duplicate-object',
    level: 'error',
    field: 'apiVersion group, kind, metadata.namespace, metadata.name',
    apiServer:
      'kubectl create refuses the second object (AlreadyExists); kubectl apply silently replaces the first with the second',
    source: 'genericregistry Store.Create (AlreadyExists); one object per group, kind, namespace and name',
  },
  nodePortClaimedTwice: {
    id: 'node-port/claimed-twice',
    level: 'error',
    field: 'Service spec.ports[].nodePort, spec.healthCheckNodePort',
    apiServer:
      'refuses a node port that another Service (or the same Service, for its health check) already holds, whatever the protocol: the allocator keys node ports by number only',
    source: 'PortAllocationOperation.Allocate, ErrAllocated (pkg/registry/core/service/portallocator)',
  },
});

const REGISTRY_ID = 'ServiceTypesRegistry';

interface NodePortClaim {
  readonly port: number;
  readonly owner: IConstruct;
  readonly kind: string;
  /** The prop that set it, such as `nodePort` or `ports[1].nodePort`. */
  readonly property: string;
}

/**
 * One per app: checks what no single construct can see, that no two objects share a kind,
 * namespace and name, and that no two services claim the same nodePort.
 *
 * Each check is one pass over the app, so validation stays linear in the number of objects.
 */
export class ObjectRegistry extends Construct {
  /** The registry of the app that `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): ObjectRegistry {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(REGISTRY_ID);
    return existing instanceof ObjectRegistry ? existing : new ObjectRegistry(root as Construct);
  }

  private readonly nodePorts: NodePortClaim[] = [];

  private constructor(root: Construct) {
    super(root, REGISTRY_ID);
    this.node.addValidation({ validate: () => [...this.duplicateObjects(), ...this.duplicateNodePorts()] });
  }

  /** Records that `owner` exposes `port` on every node; a Service claims each of its node ports once. */
  public claimNodePort(port: number, owner: IConstruct, kind: string, property: string): void {
    this.nodePorts.push({ port, owner, kind, property });
  }

  private duplicateObjects(): string[] {
    const seen = new Map<string, ApiObject>();
    const errors: string[] = [];
    for (const construct of this.node.root.node.findAll()) {
      if (!(construct instanceof ApiObject)) {
        continue;
      }
      const group = construct.apiGroup;
      const namespace = construct.metadata.namespace;
      const key = [group, construct.kind, namespace ?? '', construct.name].join('\u0000');
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, construct);
        continue;
      }
      const where = namespace === undefined ? '' : ` in namespace ${JSON.stringify(namespace)}`;
      errors.push(
        `${describe(construct, construct.kind)}: name ${JSON.stringify(construct.name)}${where} is already used by ` +
          `${describe(first, first.kind)}; a kind, namespace and name may appear only once in an app ` +
          `[${APP_RULES.duplicateObject.id}]`,
      );
    }
    return errors;
  }

  private duplicateNodePorts(): string[] {
    const seen = new Map<number, NodePortClaim>();
    const errors: string[] = [];
    for (const claim of this.nodePorts) {
      const first = seen.get(claim.port);
      if (first === undefined) {
        seen.set(claim.port, claim);
        continue;
      }
      errors.push(
        `${describe(claim.owner, claim.kind)}: ${claim.property} ${claim.port} is already claimed by ` +
          `${describe(first.owner, first.kind)}; the cluster allocates each node port once, whatever its protocol ` +
          `[${APP_RULES.nodePortClaimedTwice.id}]`,
      );
    }
    return errors;
  }
}
