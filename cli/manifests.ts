// Reading manifests as kubectl does: every .yaml, .yml and .json file of a folder (recursively,
// as `kubectl apply -R`), each document an object, a `kind: List` one object per item. A file
// that cannot be read or parsed is a problem of that file alone: the others are still read.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The extensions `kubectl apply -f <folder>` reads. */
const MANIFEST = /\.(?:ya?ml|json)$/;
/** YAML aliases allowed per document: more is an alias bomb (the yaml library's own default). */
const MAX_ALIASES = 100;

/** A Kubernetes object read from a manifest file. */
export interface ManifestObject {
  /** The file, as found. */
  readonly file: string;
  /** Where in the file: `document 2`, or `document 2 item 3` inside a List. */
  readonly where: string;
  readonly object: Record<string, any>;
}

/** A file, or a part of one, that holds no usable object. */
export interface FileProblem {
  readonly file: string;
  readonly message: string;
}

/** What reading a set of manifests found. */
export interface ReadManifests {
  readonly files: readonly string[];
  readonly objects: readonly ManifestObject[];
  readonly problems: readonly FileProblem[];
}

/** The manifest files under `paths` (files named explicitly are taken whatever their extension), sorted per folder. */
export function findManifestFiles(paths: readonly string[]): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const visiting = new Set<string>();
  const visit = (entry: string, named: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      problems.push({ file: entry, message: `cannot be read: ${(error as Error).message}` });
      return;
    }
    if (!stat.isDirectory()) {
      if (named || MANIFEST.test(entry)) {
        files.push(entry);
      }
      return;
    }
    const real = fs.realpathSync(entry);
    if (visiting.has(real)) {
      problems.push({ file: entry, message: 'is a symbolic link back into a folder above it (a loop); skipped' });
      return;
    }
    visiting.add(real);
    for (const name of fs.readdirSync(entry).sort()) {
      visit(path.join(entry, name), false);
    }
    visiting.delete(real);
  };
  paths.forEach((p) => visit(p, true));
  return { files, problems };
}

/** The objects of one file's text; a List's items are objects of their own. */
export function parseManifest(file: string, text: string): { objects: ManifestObject[]; problems: FileProblem[] } {
  const objects: ManifestObject[] = [];
  const problems: FileProblem[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (error) {
    return { objects, problems: [{ file, message: `invalid YAML: ${(error as Error).message}` }] };
  }
  (Array.isArray(docs) ? docs : [docs]).forEach((doc, index) => {
    const where = `document ${index + 1}`;
    if (doc.errors.length > 0) {
      problems.push({ file, message: `${where}: invalid YAML: ${doc.errors[0].message}` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      problems.push({ file, message: `${where}: ${(error as Error).message}` });
      return;
    }
    if (value === null || value === undefined) {
      return; // an empty document, as between two `---`
    }
    const object = value as Record<string, any>;
    if (typeof object === 'object' && !Array.isArray(object) && isList(object)) {
      (object.items as unknown[]).forEach((item, i) =>
        objects.push({ file, where: `${where} item ${i + 1}`, object: item as Record<string, any> }),
      );
      return;
    }
    objects.push({ file, where, object });
  });
  if (objects.length === 0 && problems.length === 0) {
    // kubectl apply refuses a file without objects: "no objects passed to apply".
    problems.push({ file, message: 'holds no objects; kubectl apply refuses it ("no objects passed to apply")' });
  }
  return { objects, problems };
}

/** A `v1` List (or any `*List` kubectl unpacks): its items are the objects. */
function isList(object: Record<string, any>): boolean {
  return typeof object.kind === 'string' && /List$/.test(object.kind) && Array.isArray(object.items);
}

/** Reads every manifest under `paths`. */
export function readManifestFiles(paths: readonly string[]): ReadManifests {
  const found = findManifestFiles(paths);
  const objects: ManifestObject[] = [];
  const problems = [...found.problems];
  for (const file of found.files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (error) {
      problems.push({ file, message: `cannot be read: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseManifest(file, text);
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  return { files: found.files, objects, problems };
}
