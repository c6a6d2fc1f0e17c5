// Finds the app to render and where its manifests go, as the cdk8s CLI does: from the
// project's cdk8s.yaml (`app`, `output`) in the working folder, with --app and --output
// taking precedence. A TypeScript app (`npx ts-node main.ts`, `ts-node main.ts`, or a `.ts`
// entry) is compiled with esbuild rather than run through ts-node; any other app command
// runs as given, through the shell, as cdk8s runs it.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { UserError } from './report';

/** cdk8s's default output folder. */
export const DEFAULT_OUTPUT = 'dist';
/** The project file the cdk8s CLI reads. */
export const PROJECT_FILE = 'cdk8s.yaml';

/** How the app is run. */
export type AppCommand =
  /** A TypeScript entry file, relative to the project, compiled and run with Node; `args` come first. */
  | { readonly kind: 'typescript'; readonly entry: string; readonly args: readonly string[] }
  /** A shell command, run as given. */
  | { readonly kind: 'command'; readonly command: string };

/** A cdk8s project as the command sees it. */
export interface Project {
  /** The project folder: where cdk8s.yaml is, and where the app runs. */
  readonly root: string;
  readonly app: AppCommand;
  /** The output folder as given (for messages). */
  readonly output: string;
  /** The output folder, absolute. */
  readonly outdir: string;
}

/** What the command line says about the project; each overrides cdk8s.yaml. */
export interface ProjectOverrides {
  readonly app?: string;
  readonly output?: string;
}

const TS_ENTRY = /\.[cm]?tsx?$/;

/** The words of a command line without shell syntax (quotes, variables, pipes...), else undefined. */
function plainWords(command: string): string[] | undefined {
  return /^[^"'\\|&;<>()$`*?\n]*$/.test(command) ? command.trim().split(/\s+/).filter(Boolean) : undefined;
}

/** How to run `command`: compiled when it runs a TypeScript entry, else as given. */
export function appCommand(command: string): AppCommand {
  const parts = plainWords(command) ?? [];
  const start = parts[0] === 'npx' ? 1 : 0;
  if (['ts-node', 'tsx'].includes(parts[start]) && TS_ENTRY.test(parts[start + 1] ?? '')) {
    return { kind: 'typescript', entry: parts[start + 1], args: parts.slice(start + 2) };
  }
  if (parts.length > 0 && TS_ENTRY.test(parts[0])) {
    return { kind: 'typescript', entry: parts[0], args: parts.slice(1) };
  }
  return { kind: 'command', command };
}

/** Reads `cdk8s.yaml` in `cwd`; undefined when there is none. */
function readProjectFile(cwd: string): { app?: string; output?: string } | undefined {
  const file = path.join(cwd, PROJECT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new UserError(`${PROJECT_FILE} cannot be read: ${(error as Error).message}`);
  }
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    throw new UserError(`${PROJECT_FILE} is not valid YAML: ${(error as Error).message}`);
  }
  if (config === null || config === undefined) {
    return {};
  }
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new UserError(`${PROJECT_FILE} must be a map of settings such as app: and output:`);
  }
  const { app, output } = config as Record<string, unknown>;
  const problems = [
    ...(app !== undefined && (typeof app !== 'string' || app.trim() === '') ? ['app: must be a command'] : []),
    ...(output !== undefined && (typeof output !== 'string' || output.trim() === '')
      ? ['output: must be a folder']
      : []),
  ];
  if (problems.length > 0) {
    throw new UserError(`${PROJECT_FILE}: ${problems.join('; ')}`);
  }
  return { app: app as string | undefined, output: output as string | undefined };
}

/**
 * The project in `cwd`, with the command line's overrides. `delegated` recognizes a cdk8s.yaml
 * app command that runs another program which names the real app and output (as
 * `service-types synth --cdk8s --app main.ts` does), and returns those.
 */
export function readProject(
  cwd: string,
  overrides: ProjectOverrides = {},
  delegated: (command: string) => ProjectOverrides | undefined = () => undefined,
): Project {
  const file = readProjectFile(cwd);
  const inner = file?.app === undefined ? undefined : delegated(file.app);
  const app = overrides.app ?? inner?.app ?? file?.app;
  if (app === undefined) {
    throw new UserError(
      file === undefined
        ? `no ${PROJECT_FILE} in ${cwd}: run service-types in a cdk8s project, or name the app with --app <command>`
        : `${PROJECT_FILE} names no app: add app: (such as app: npx ts-node main.ts), or give --app <command>`,
    );
  }
  const output = overrides.output ?? inner?.output ?? file?.output ?? DEFAULT_OUTPUT;
  return { root: cwd, app: appCommand(app), output, outdir: path.resolve(cwd, output) };
}
