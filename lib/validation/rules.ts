/*
 * Format and range rules that the Kubernetes API server applies to the values our constructs
 * accept (k8s.io/apimachinery/pkg/util/validation). Each rule returns undefined when the value
 * is valid, or the end of an error sentence saying what is allowed.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

export type Rule<T> = (value: T) => string | undefined;

export const dns1123Label: Rule<string> = (value) =>
  value.length <= 63 && DNS1123_LABEL.test(value)
    ? undefined
    : "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

export const dns1035Label: Rule<string> = (value) =>
  value.length <= 63 && DNS1035_LABEL.test(value)
    ? undefined
    : "must be a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";

export const dns1123Subdomain: Rule<string> = (value) =>
  value.length <= 253 && DNS1123_SUBDOMAIN.test(value)
    ? undefined
    : "must be a DNS-1123 subdomain: at most 253 characters, dot-separated labels of lowercase letters, digits or '-', each starting and ending with a letter or digit";

export const portNumber: Rule<number> = (value) =>
  Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : 'must be an integer from 1 to 65535';

export const portName: Rule<string> = (value) =>
  value.length <= 15 && IANA_SVC_NAME.test(value) && /[a-z]/.test(value) && !value.includes('--')
    ? undefined
    : "must be an IANA service name: at most 15 lowercase letters, digits or '-', with at least one letter, no '--', starting and ending with a letter or digit";

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

export const protocol: Rule<string> = (value) =>
  (PROTOCOLS as readonly string[]).includes(value) ? undefined : `must be one of ${PROTOCOLS.join(', ')}`;

export const nonNegativeInteger: Rule<number> = (value) =>
  Number.isInteger(value) && value >= 0 ? undefined : 'must be an integer of 0 or more';

export const image: Rule<string> = (value) =>
  value.length > 0 && !/\s/.test(value) ? undefined : 'must be a non-empty image reference without whitespace';

export const labelKey: Rule<string> = (value) => {
  const slash = value.indexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  const nameOk = name.length <= 63 && QUALIFIED_NAME.test(name);
  const prefixOk = prefix === undefined || dns1123Subdomain(prefix) === undefined;
  return nameOk && prefixOk
    ? undefined
    : "must be a label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
};

export const labelValue: Rule<string> = (value) =>
  value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value))
    ? undefined
    : "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/**
 * The DNS name of an ExternalName Service: without one trailing dot, a DNS-1123 subdomain.
 * An IPv4 address passes, as it does in the API server (it is a warning of the Service).
 */
export const externalName: Rule<string> = (value) => {
  const host = value.endsWith('.') ? value.slice(0, -1) : value;
  if (dns1123Subdomain(host) === undefined) {
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
    return 'must be a DNS name, not a URL: no scheme and no path';
  }
  if (value.includes(':')) {
    return 'must be a DNS name, without a port, and not an IPv6 address';
  }
  return dns1123Subdomain(host);
};

/** Parses `30000-32767` into its bounds; undefined when malformed. */
export function parsePortRange(value: string): { min: number; max: number } | undefined {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const min = Number(match[1]);
  const max = Number(match[2]);
  return portNumber(min) === undefined && portNumber(max) === undefined && min <= max ? { min, max } : undefined;
}

function ipv4Bits(address: string): bigint | undefined {
  const parts = address.split('.');
  if (
    parts.length !== 4 ||
    parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255 || (p.length > 1 && p[0] === '0'))
  ) {
    return undefined;
  }
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function ipv6Bits(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.split('::').length > 2) {
    return undefined;
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) {
    return undefined;
  }
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) {
    return undefined;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An IPv4 or IPv6 network in CIDR notation, with no bits set after the prefix. */
export const cidr: Rule<string> = (value) => {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  const bad = 'must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/32';
  if (!match) {
    return bad;
  }
  const v4 = ipv4Bits(match[1]);
  const bits = v4 ?? ipv6Bits(match[1]);
  const width = v4 !== undefined ? 32 : 128;
  if (bits === undefined) {
    return bad;
  }
  const prefix = Number(match[2]);
  if (prefix > width) {
    return `has a prefix length above ${width}, the size of an ${width === 32 ? 'IPv4' : 'IPv6'} address`;
  }
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  return (bits & hostMask) === 0n ? undefined : 'has host bits set after the prefix; use the network address';
};

/** A host name an Ingress rule can match: a DNS-1123 subdomain, optionally with a leading `*.` wildcard label. */
export const ingressHost: Rule<string> = (value) => {
  const host = value.startsWith('*.') ? value.slice(2) : value;
  if (IPV4.test(host) || host.includes(':')) {
    return 'must be a DNS name, not an IP address or host:port';
  }
  return dns1123Subdomain(host) === undefined
    ? undefined
    : "must be a DNS name (a DNS-1123 subdomain), optionally starting with the wildcard label '*.'";
};

/** A port given by number (1-65535) or by name (an IANA service name). */
export const portReference: Rule<number | string> = (value) =>
  typeof value === 'number' ? portNumber(value) : portName(value);

/** `8080 (http), 9090`: how messages list the ports something offers. */
export function formatPorts(ports: readonly { readonly number: number; readonly name?: string }[]): string {
  return ports.map((p) => (p.name ? `${p.number} (${p.name})` : String(p.number))).join(', ');
}

/** Renders a value the way it would be written in a manifest or in TypeScript. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value !== null && typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}
