// Field-level differences between two versions of an object, as paths such as
// `spec.ports[0].nodePort` or `metadata.labels["app.kubernetes.io/name"]`. Lists are compared
// position by position, as they are written in the manifests.

/** One field that differs; `before` is absent when the field was added, `after` when it was removed. */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The path of `key` inside `parent`. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
    return parent === '' ? key : `${parent}.${key}`;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field that differs between `before` and `after`, parents before children, keys sorted. */
export function diffObjects(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key): FieldChange[] => {
      const at = childPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(after, key)) {
        return [{ path: at, before: before[key] }];
      }
      if (!Object.prototype.hasOwnProperty.call(before, key)) {
        return [{ path: at, after: after[key] }];
      }
      return diffObjects(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = childPath(path, i);
      if (i >= after.length) {
        changes.push({ path: at, before: before[i] });
      } else if (i >= before.length) {
        changes.push({ path: at, after: after[i] });
      } else {
        changes.push(...diffObjects(before[i], after[i], at));
      }
    }
    return changes;
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
}
