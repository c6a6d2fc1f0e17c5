// Turns rendered YAML files into the objects `kubectl apply` would send, each identified the
// way the API server identifies it: kind, namespace and name.
import { parseAllDocuments } from 'yaml';
import { describeObject, KubeObject, ObjectRef } from '../../lib/model';

/** A file of a render: its name and its text. */
export interface ManifestFile {
  readonly file: string;
  readonly text: string;
}

/** An object of a render. */
export interface Manifest extends ObjectRef {
  /** Kind, namespace and name, unique within a render. */
  readonly key: string;
  /** The file the object was read from. */
  readonly file: string;
  readonly object: KubeObject;
}

/** Input that cannot be planned; `problems` lists every reason at once. */
export class PlanInputError extends Error {
  constructor(
    message: string,
    public readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'PlanInputError';
  }
}

/** Every object of the files, in file order. `source` names the render in error messages. */
export function readManifests(files: readonly ManifestFile[], source: string): Manifest[] {
  const problems: string[] = [];
  const seen = new Map<string, Manifest>();
  for (const { file, text } of files) {
    parseAllDocuments(text).forEach((doc, index) => {
      const where = `${file} document ${index + 1}`;
      if (doc.errors.length > 0) {
        problems.push(`${where}: invalid YAML: ${doc.errors[0].message}`);
        return;
      }
      const object = doc.toJSON();
      if (object === null || object === undefined) {
        return;
      }
      const kind = object.kind;
      const name = object.metadata?.name;
      if (typeof kind !== 'string' || typeof name !== 'string') {
        problems.push(`${where}: not a Kubernetes object (it needs kind and metadata.name)`);
        return;
      }
      const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
      const manifest: Manifest = { key: `${kind}\u0000${namespace}\u0000${name}`, kind, namespace, name, file, object };
      const earlier = seen.get(manifest.key);
      if (earlier) {
        problems.push(`${where}: ${describeObject(manifest)} is also in ${earlier.file}`);
        return;
      }
      seen.set(manifest.key, manifest);
    });
  }
  if (problems.length > 0) {
    throw new PlanInputError(`cannot read ${source}`, problems);
  }
  return [...seen.values()];
}
