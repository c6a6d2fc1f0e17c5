// Turns rendered YAML files into the objects `kubectl apply` would send, each identified the
// way the API server identifies it: kind, namespace and name.
import { describeObject, KubeObject, ObjectRef } from '../../lib/model';
import { parseManifest } from '../manifests';

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

/**
 * Every object of the files, in file order, read as kubectl reads them (a List's items are
 * objects of their own). `source` names the render in error messages.
 */
export function readManifests(files: readonly ManifestFile[], source: string): Manifest[] {
  const problems: string[] = [];
  const seen = new Map<string, Manifest>();
  for (const { file, text } of files) {
    const parsed = parseManifest(file, text);
    problems.push(...parsed.problems.map((p) => `${p.file} ${p.message}`));
    for (const { where, object } of parsed.objects) {
      const at = `${file} ${where}`;
      const kind = object?.kind;
      const name = object?.metadata?.name;
      if (typeof kind !== 'string' || typeof name !== 'string') {
        problems.push(`${at}: not a Kubernetes object (it needs kind and metadata.name)`);
        continue;
      }
      const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
      const manifest: Manifest = { key: `${kind}\u0000${namespace}\u0000${name}`, kind, namespace, name, file, object };
      const earlier = seen.get(manifest.key);
      if (earlier) {
        problems.push(`${at}: ${describeObject(manifest)} is also in ${earlier.file}`);
        continue;
      }
      seen.set(manifest.key, manifest);
    }
  }
  if (problems.length > 0) {
    throw new PlanInputError(`cannot read ${source}`, problems);
  }
  return [...seen.values()];
}
