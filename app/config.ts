import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_NODE_PORT_RANGE, formats, SERVICE_KINDS, ServiceKind } from '../lib';
import { ServiceTypesAppProps } from './service-types-app';

const { dns1123Label, externalName, formatValue, image, nonNegativeInteger, parsePortRange, portNumber } = formats;
type FormatCheck<T> = formats.FormatCheck<T>;

/** The settings an operator can change without editing code. */
export type ServiceTypesConfig = Omit<ServiceTypesAppProps, 'outdir' | 'strictWarnings'>;

/** Configuration that cannot be used; `problems` lists every bad setting. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
    this.name = 'ConfigError';
  }
}

type Kind = 'integer' | 'string' | 'services';

const integerRule =
  (rule: FormatCheck<number>): FormatCheck<unknown> =>
  (v) =>
    typeof v === 'number' ? rule(v) : 'must be an integer';
const stringRule =
  (rule: FormatCheck<string>): FormatCheck<unknown> =>
  (v) =>
    typeof v === 'string' ? rule(v) : 'must be a string';
const servicesRule: FormatCheck<unknown> = (v) => {
  const allowed = `must be a list of ${SERVICE_KINDS.join(', ')}`;
  if (!Array.isArray(v) || v.some((k) => !SERVICE_KINDS.includes(k))) {
    return allowed;
  }
  if (v.length === 0) {
    return `${allowed}, at least one: the tutorial without Services renders only the namespace and the Deployment`;
  }
  return new Set(v).size === v.length ? undefined : `${allowed}, each at most once`;
};
const nodePortRangeRule: FormatCheck<unknown> = (v) =>
  typeof v === 'string' && parsePortRange(v) ? undefined : 'must be a port range such as 30000-32767';

const SETTING_LIST: Record<keyof ServiceTypesConfig, { kind: Kind; rule: FormatCheck<unknown> }> = {
  namespace: { kind: 'string', rule: stringRule(dns1123Label) },
  replicas: { kind: 'integer', rule: integerRule(nonNegativeInteger) },
  image: { kind: 'string', rule: stringRule(image) },
  servicePort: { kind: 'integer', rule: integerRule(portNumber) },
  nodePort: { kind: 'integer', rule: integerRule((n) => (Number.isInteger(n) ? undefined : 'must be an integer')) },
  externalName: { kind: 'string', rule: stringRule(externalName) },
  services: { kind: 'services', rule: servicesRule },
  nodePortRange: { kind: 'string', rule: nodePortRangeRule },
};

/** The names of all settings, in documentation order. */
export const CONFIG_SETTINGS = Object.keys(SETTING_LIST) as (keyof ServiceTypesConfig)[];

// Looked up by names users type: a Map, so that `__proto__` or `constructor` is just an unknown name.
const SETTINGS = new Map(Object.entries(SETTING_LIST));

const ENV_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The environments `--env` can name: the JSON files of `config/`. */
function environments(cwd: string): string[] {
  try {
    return fs
      .readdirSync(path.join(cwd, 'config'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((name) => ENV_NAME.test(name))
      .sort();
  } catch {
    return [];
  }
}

/** Converts a `--set` string to the setting's type; numbers stay strings when malformed, so the rule reports them. */
function parseText(kind: Kind, text: string): unknown {
  switch (kind) {
    case 'integer':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
    case 'services':
      return text.trim() === '' ? [] : text.split(',').map((s) => s.trim() as ServiceKind);
    default:
      return text;
  }
}

interface Layer {
  readonly source: string;
  readonly values: Record<string, unknown>;
}

/** Reads a JSON file of settings; `source` is how messages name it. */
function readFileLayer(file: string, source: string, problems: string[]): Layer[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    problems.push(`config file ${source} cannot be read`);
    return [];
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    problems.push(`config file ${source} is not valid JSON: ${(error as Error).message}`);
    return [];
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    problems.push(`config file ${source} must hold a JSON object of settings`);
    return [];
  }
  return [{ source, values: values as Record<string, unknown> }];
}

/** The app's options; each may be given more than once, and later ones take precedence. */
const OPTIONS = {
  env: { type: 'string', multiple: true },
  config: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
} as const;

/** The layers of settings the arguments name, in the order given, or the problems of the command line. */
function readLayers(args: readonly string[], cwd: string, problems: string[]): Layer[] {
  // Not strict: every mistake of the command line is reported with every bad setting, at once.
  const { tokens } = parseArgs({
    args: [...args],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const usage = 'use --env <name>, --config <file> or --set <setting>=<value>';
  for (const token of tokens) {
    if (token.kind === 'positional') {
      problems.push(`unexpected argument ${formatValue(token.value)}; ${usage}`);
    } else if (token.kind === 'option' && !Object.hasOwn(OPTIONS, token.name)) {
      problems.push(`unknown option ${formatValue(token.rawName)}; ${usage}`);
    } else if (token.kind === 'option' && (token.value === undefined || token.value.startsWith('--'))) {
      problems.push(`${token.rawName} needs a value`);
    }
  }
  const layers: Layer[] = [];
  for (const token of tokens) {
    if (
      token.kind !== 'option' ||
      !Object.hasOwn(OPTIONS, token.name) ||
      token.value === undefined ||
      token.value.startsWith('--')
    ) {
      continue;
    }
    const value = token.value;
    if (token.name === 'env') {
      const known = environments(cwd);
      const available = known.length > 0 ? `environments are ${known.join(', ')}` : 'config/ holds no environments';
      if (!ENV_NAME.test(value)) {
        problems.push(
          `--env ${formatValue(value)} must name a file of config/: lowercase letters, digits and '-'; ${available}`,
        );
      } else if (!known.includes(value)) {
        problems.push(`--env ${formatValue(value)} is unknown (no config/${value}.json); ${available}`);
      } else {
        const source = `config/${value}.json`;
        layers.push(...readFileLayer(path.resolve(cwd, source), source, problems));
      }
    } else if (token.name === 'config') {
      layers.push(...readFileLayer(path.resolve(cwd, value), value, problems));
    } else {
      const eq = value.indexOf('=');
      if (eq <= 0) {
        problems.push(`--set ${formatValue(value)} must have the form setting=value`);
      } else {
        const key = value.slice(0, eq);
        const kind = SETTINGS.get(key)?.kind ?? 'string';
        layers.push({ source: '--set', values: { [key]: parseText(kind, value.slice(eq + 1)) } });
      }
    }
  }
  return layers;
}

/**
 * Reads the app's settings from its command-line arguments, lowest precedence first: the
 * tutorial's defaults, then `--env <name>` (the file `config/<name>.json`) and `--config
 * <file>` in the order given, then each `--set <setting>=<value>`.
 *
 * @throws ConfigError listing every unknown setting, bad value and unreadable file
 */
export function loadAppConfig(args: readonly string[], options: { readonly cwd?: string } = {}): ServiceTypesConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const layers = readLayers(args, cwd, problems);

  const config: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.values)) {
      const setting = SETTINGS.get(key);
      if (setting === undefined) {
        problems.push(
          `setting ${formatValue(key)} (from ${layer.source}) is unknown; settings are ${CONFIG_SETTINGS.join(', ')}`,
        );
        continue;
      }
      const problem = setting.rule(value);
      if (problem !== undefined) {
        problems.push(`setting ${key} ${formatValue(value)} (from ${layer.source}) ${problem}`);
        continue;
      }
      config[key] = value;
    }
  }
  const range = parsePortRange(String(config.nodePortRange ?? DEFAULT_NODE_PORT_RANGE));
  const nodePort = config.nodePort as number | undefined;
  if (range && nodePort !== undefined && (nodePort < range.min || nodePort > range.max)) {
    problems.push(`setting nodePort ${nodePort} is outside the node port range ${range.min}-${range.max}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config as ServiceTypesConfig;
}
