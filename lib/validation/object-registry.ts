import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describe } from './problems';
import { APP_RULES } from './object-registry.rules';

export { APP_RULES } from './object-registry.rules';

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
