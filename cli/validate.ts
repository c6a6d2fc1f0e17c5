// `service-types validate [paths...]`: checks manifest files (default: the project's output
// folder) as synth checks a render, and prints a report per file, each finding labelled with
// where its rule comes from. Every file is read on its own: one that cannot be read or parsed
// (an alias bomb, a symbolic link loop, an empty file) is reported, and the others still are.
import * as path from 'path';
import { parseArgs } from 'util';
import { checkObjects, findingLine } from './checks';
import { readManifestFiles } from './manifests';
import { schemaConstants } from './package';
import { DEFAULT_OUTPUT } from './project';
import { shownPath, UserError } from './report';
import { projectIn } from './synth';

export const VALIDATE_USAGE = `usage: service-types validate [--allow-kind <apiVersion/Kind | group/*>]... [paths...]

  paths         files and folders of manifests (default: the output folder of cdk8s.yaml, else dist)
  --allow-kind  accept a custom resource the schemas do not know, unchecked
`;

/** The validate command line. */
export interface ValidateOptions {
  readonly allowKinds: readonly string[];
  readonly paths: readonly string[];
  readonly help: boolean;
}

export function parseValidateArgs(argv: readonly string[]): ValidateOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      'allow-kind': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  return { allowKinds: values['allow-kind'] ?? [], paths: positionals, help: values.help === true };
}

/** The folder validate reads when given none: the project's output. */
function defaultPaths(cwd: string): string[] {
  try {
    return [projectIn(cwd).output];
  } catch {
    return [DEFAULT_OUTPUT];
  }
}

/** Runs `service-types validate`; returns the exit code: 0 when every file is valid, else 1. */
export function validate(options: ValidateOptions, cwd: string, out: NodeJS.WritableStream): number {
  const paths = options.paths.length > 0 ? options.paths : defaultPaths(cwd);
  const read = readManifestFiles(paths.map((p) => path.resolve(cwd, p)));
  if (read.files.length === 0 && read.problems.length === 0) {
    throw new UserError(`no manifests (.yaml, .yml or .json files) in ${paths.join(', ')}`);
  }
  const findings = checkObjects(read.objects, { allowedKinds: options.allowKinds });
  const shown = (file: string) => shownPath(file, cwd);
  const byFile = new Map<string, string[]>();
  const note = (file: string, line: string) => byFile.set(file, [...(byFile.get(file) ?? []), line]);
  read.problems.forEach((p) => note(p.file, p.message));
  const warned = new Map<string, string[]>();
  for (const f of findings) {
    const line = findingLine({ ...f, file: '' }).trimStart();
    if (f.severity === 'error') {
      note(f.file, line);
    } else {
      warned.set(f.file, [...(warned.get(f.file) ?? []), `warning: ${line}`]);
    }
  }
  const files = [...new Set([...read.files, ...read.problems.map((p) => p.file)])];
  for (const file of files) {
    const lines = byFile.get(file);
    out.write(lines === undefined ? `ok    ${shown(file)}\n` : `FAIL  ${shown(file)}\n`);
    [...(lines ?? []), ...(warned.get(file) ?? [])].forEach((line) => out.write(`        ${line}\n`));
  }
  const failed = files.filter((f) => byFile.has(f)).length;
  out.write(
    `\n${files.length - failed} of ${files.length} files valid against Kubernetes ${schemaConstants.K8S_VERSION}` +
      ` and the Gateway API v${schemaConstants.GATEWAY_API_VERSION} CRDs\n`,
  );
  return failed === 0 ? 0 : 1;
}
