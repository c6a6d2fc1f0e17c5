/*
 * Kubernetes objects as the API server sees them once decoded: any kind, identified by kind,
 * namespace and name, and compared the way apiequality.Semantic.DeepEqual compares them.
 */

/** A decoded Kubernetes object, of any kind. */
export type KubeObject = Record<string, any>;

/** An object with its identity, as the API server names it. */
export interface ObjectRef {
  /** The object's kind, such as `Service`. */
  readonly kind: string;
  /** Its namespace; empty for cluster-scoped objects and objects that leave it to kubectl. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /** The object itself. */
  readonly object: KubeObject;
}

/** The identity of an object read from a manifest: its kind, namespace (or '') and name. */
export function objectRef(object: KubeObject): ObjectRef {
  const namespace = object.metadata?.namespace;
  return {
    kind: String(object.kind ?? ''),
    namespace: typeof namespace === 'string' ? namespace : '',
    name: String(object.metadata?.name ?? ''),
    object,
  };
}

/** How messages name an object: `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function describeObject(id: {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** Drops null values and empty lists and maps, which the API server decodes as absent. */
export function semantic(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(semantic);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .map(([key, item]): [string, unknown] => [key, semantic(item)])
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
}

/**
 * Equal the way apiequality.Semantic.DeepEqual sees decoded objects: key order, and nil
 * against empty lists and maps, do not matter.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(semantic(a)) === JSON.stringify(semantic(b));
}

/** A value as messages show it; `(none)` when absent. */
export function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** `field a → b` when both values are short enough to read in a line, else `field changes`. */
export function change(field: string, before: unknown, after: unknown): string {
  const [a, b] = [show(before), show(after)];
  return a.length + b.length <= 120 ? `${field} ${a} → ${b}` : `${field} changes`;
}

/** The labels of the pods an object creates, or undefined for a kind that creates none. */
export function podLabels({ kind, object }: ObjectRef): Record<string, string> | undefined {
  switch (kind) {
    case 'Pod':
      return object.metadata?.labels ?? {};
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return object.spec?.template?.metadata?.labels ?? {};
    default:
      return undefined;
  }
}

/** A label selector of apps/v1 workloads (metav1.LabelSelector). */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[];
  }[];
}

/** Whether a label selector matches `labels`, as metav1.LabelSelectorAsSelector evaluates it; no selector matches nothing. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) {
    return false;
  }
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  // A null requirement decodes as an empty one, which matches nothing.
  const byExpressions = (selector.matchExpressions ?? []).every((requirement) => {
    const { key, operator } = requirement ?? { key: '', operator: '' };
    const values = requirement?.values ?? [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/** Whether a Service's selector (a plain map) selects pods labelled `labels`. */
export function serviceSelects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
