/*
 * Format and range checks (format predicates) that the Kubernetes 1.27 API server applies to the values our constructs
 * accept (k8s.io/apimachinery/pkg/util/validation, and k8s.io/utils/net for addresses). Each rule
 * returns undefined when the value is valid, or the end of an error sentence saying what is allowed.
 *
 * Lengths are compared with `.length` where Go compares bytes: every pattern here admits ASCII
 * only, so a value that fits the pattern has as many UTF-16 units as bytes.
 */

// Patterns are written inside the rules, not as module constants, so that mutation testing can
// switch each of them per test instead of reloading every module for it.

/** DNS1123LabelMaxLength, DNS1035LabelMaxLength, qualifiedNameMaxLength and LabelValueMaxLength. */
const LABEL_MAX = 63;
/** DNS1123SubdomainMaxLength, which also bounds a wildcard subdomain with its `*.`. */
const SUBDOMAIN_MAX = 253;
/** Numbers JSON decoding puts in an int32 field such as `replicas`: larger ones are refused. */
const INT32_MAX = 2147483647;

/** A format predicate: undefined for a valid value, else the end of an error sentence saying what is allowed. */
export type FormatCheck<T> = (value: T) => string | undefined;

/** IsDNS1123Label: namespace, container and most object names. */
export const dns1123Label: FormatCheck<string> = (value) =>
  value.length <= LABEL_MAX && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)
    ? undefined
    : "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

/** IsDNS1035Label: Service names, which must start with a letter. */
export const dns1035Label: FormatCheck<string> = (value) =>
  value.length <= LABEL_MAX && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value)
    ? undefined
    : "must be a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";

/** IsDNS1123Subdomain: Deployment and Ingress names, and DNS names. */
export const dns1123Subdomain: FormatCheck<string> = (value) =>
  value.length <= SUBDOMAIN_MAX && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value)
    ? undefined
    : "must be a DNS-1123 subdomain: at most 253 characters, dot-separated labels of lowercase letters, digits or '-', each starting and ending with a letter or digit";

/** IsValidPortNum; a fraction is refused earlier, by JSON decoding into an int32. */
export const portNumber: FormatCheck<number> = (value) =>
  Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : 'must be an integer from 1 to 65535';

/** IsValidPortName: an IANA service name, as container port names and named targetPorts are. */
export const portName: FormatCheck<string> = (value) =>
  value.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) && /[a-z]/.test(value) && !value.includes('--')
    ? undefined
    : "must be an IANA service name: at most 15 lowercase letters, digits or '-', with at least one letter, no '--', starting and ending with a letter or digit";

/** The protocols validateServicePort and validateContainerPorts accept (supportedPortProtocols). */
export const protocol: FormatCheck<string> = (value) =>
  ['TCP', 'UDP', 'SCTP'].includes(value) ? undefined : 'must be one of TCP, UDP, SCTP';

/** A count in an int32 field, such as `replicas`: ValidateNonnegativeField, and what JSON decoding fits in an int32. */
export const nonNegativeInteger: FormatCheck<number> = (value) => {
  if (!Number.isInteger(value) || value < 0) {
    return 'must be an integer of 0 or more';
  }
  return value <= INT32_MAX ? undefined : `must be at most ${INT32_MAX}: the field is an int32`;
};

/**
 * A container image of a pod template (validateContainers): required, so not empty. Whitespace
 * passes: only Pods refuse it, not the templates of Deployments (it is a warning of EchoServer).
 */
export const image: FormatCheck<string> = (value) =>
  value.length > 0 ? undefined : 'must be a non-empty image reference';

/**
 * A container image as the kubelet parses it before pulling (ParseNormalizedNamed of the
 * docker distribution reference grammar, applyDefaultImageTag in pkg/kubelet/images): an
 * optional registry host (letters of either case, digits, '-' and '.', or `localhost`, or an
 * `[IPv6]`, with an optional port), a lowercase repository path, then an optional tag and
 * digest. A first component is a registry only if it has a '.' or ':', is `localhost`, or has
 * capitals; the path must be lowercase. Undefined for a reference the kubelet accepts; pods of
 * any other fail with InvalidImageName. Whitespace is {@link image}'s case for the caller.
 */
export const imageReference: FormatCheck<string> = (value) => {
  const unseen = /[^\x21-\x7e]/u.exec(value);
  if (unseen !== null) {
    const code = unseen[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `has the character U+${code}, which no image reference may hold: the kubelet cannot parse it, so no pod starts (InvalidImageName)`;
  }
  if (/^[a-f0-9]{64}$/.test(value)) {
    return 'is a 64-character hexadecimal string, which the kubelet refuses as a repository name, so no pod starts (InvalidImageName)';
  }
  const at = value.indexOf('@');
  const named = at === -1 ? value : value.slice(0, at);
  const digest = at === -1 ? undefined : value.slice(at + 1);
  // digest.Parse (go-digest): an algorithm the kubelet has, with its length of lowercase hex.
  if (digest !== undefined && !/^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/.test(digest)) {
    return 'has an invalid digest: the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)';
  }
  const lastSlash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > lastSlash ? named.slice(colon + 1) : undefined;
  const name = tag === undefined ? named : named.slice(0, colon);
  if (tag !== undefined && !/^\w[\w.-]{0,127}$/.test(tag)) {
    return 'has an invalid tag: the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)';
  }
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  // splitDockerDomain also takes `localhost` for a registry; as it is a valid path component
  // too, that changes nothing this check can tell.
  const isRegistry = slash !== -1 && (/[.:]/.test(first) || first !== first.toLowerCase());
  const path = isRegistry ? name.slice(slash + 1) : name;
  const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
  const host =
    '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
  if (isRegistry && !new RegExp(`^${host}$`).test(first)) {
    return 'has an invalid registry host: the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)';
  }
  if (path !== path.toLowerCase() && new RegExp(`^${component}(?:/${component})*$`).test(path.toLowerCase())) {
    return 'has capitals in its repository path, which must be lowercase: the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)';
  }
  if (!new RegExp(`^${component}(?:/${component})*$`).test(path) || name.length > 255) {
    return "has a repository path that is not lowercase letters, digits and separators ('.', '_', '__', '-') between '/': the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)";
  }
  return undefined;
};

/** The name part of IsQualifiedName, and a non-empty label value: at most 63 characters. */
function qualifiedName(value: string): boolean {
  return value.length <= LABEL_MAX && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(value);
}

/** IsQualifiedName: label and annotation keys. */
export const labelKey: FormatCheck<string> = (value) => {
  const slash = value.indexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  // With no slash, slash + 1 is 0 and the name is the whole key.
  const name = value.slice(slash + 1);
  const nameOk = qualifiedName(name);
  const prefixOk = prefix === undefined || dns1123Subdomain(prefix) === undefined;
  return nameOk && prefixOk
    ? undefined
    : "must be a label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
};

/** IsValidLabelValue. */
export const labelValue: FormatCheck<string> = (value) =>
  value === '' || qualifiedName(value)
    ? undefined
    : "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/**
 * The DNS name of an ExternalName Service: without one trailing dot, a DNS-1123 subdomain
 * (ValidateService). An IPv4 address passes, as it does in the API server.
 */
export const externalName: FormatCheck<string> = (value) => {
  // No subdomain has a '/' or ':', so these say more precisely what is wrong without refusing more.
  if (value.includes('/')) {
    return 'must be a DNS name, not a URL: no scheme and no path';
  }
  if (value.includes(':')) {
    return 'must be a DNS name, without a port, and not an IPv6 address';
  }
  return dns1123Subdomain(value.endsWith('.') ? value.slice(0, -1) : value);
};

/**
 * Parses a node port range such as `30000-32767` into its bounds; undefined when malformed.
 * It reads the `low-high` form of the API server's `--service-node-port-range` (utilnet.PortRange),
 * with surrounding whitespace; the flag's other forms (`30000`, `30000+2767`) are not read.
 */
export function parsePortRange(value: string): { min: number; max: number } | undefined {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const min = Number(match[1]);
  const max = Number(match[2]);
  return portNumber(min) === undefined && portNumber(max) === undefined && min <= max ? { min, max } : undefined;
}

/** An address as Kubernetes reads it: its bits, and 32 or 128 for IPv4 or IPv6. */
interface Address {
  readonly bits: bigint;
  readonly width: 32 | 128;
}

/**
 * Four decimal octets. Like the Go 1.16 parser that Kubernetes keeps (k8s.io/utils/net
 * ParseIPSloppy), an octet may have leading zeros: `010.0.0.1` is 10.0.0.1.
 */
function ipv4Bits(text: string): bigint | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d+$/.test(o) || Number(o) > 255)) {
    return undefined;
  }
  return octets.reduce((bits, o) => (bits << 8n) | BigInt(Number(o)), 0n);
}

/** The 16-bit groups of one side of an IPv6 `::`; only the address's final group may be a dotted IPv4 address. */
function ipv6Groups(text: string, endsAddress: boolean): number[] | undefined {
  if (text === '') {
    return [];
  }
  const fields = text.split(':');
  const groups: number[] = [];
  for (const [i, field] of fields.entries()) {
    if (endsAddress && i === fields.length - 1 && field.includes('.')) {
      const v4 = ipv4Bits(field);
      if (v4 === undefined) {
        return undefined;
      }
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]+$/.test(field) && parseInt(field, 16) <= 0xffff) {
      groups.push(parseInt(field, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/**
 * Eight hex groups, or fewer with one `::` standing for at least one zero group, the last two
 * possibly written as an IPv4 address. As in Go 1.16, a group may have leading zeros beyond four
 * digits; zones (`%eth0`) and brackets are refused.
 */
function ipv6Bits(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const compressed = halves.length === 2;
  const head = ipv6Groups(halves[0], !compressed);
  const tail = compressed ? ipv6Groups(halves[1], true) : [];
  if (head === undefined || tail === undefined) {
    return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) {
    return undefined;
  }
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.reduce((bits, g) => (bits << 16n) | BigInt(g), 0n);
}

/** ParseIPSloppy: an address with a colon is IPv6, any other is IPv4. */
function parseAddress(text: string): Address | undefined {
  const v6 = text.includes(':');
  const bits = v6 ? ipv6Bits(text) : ipv4Bits(text);
  return bits === undefined ? undefined : { bits, width: v6 ? 128 : 32 };
}

/** IsValidIP (ParseIPSloppy): an IPv4 or IPv6 address, without brackets, port, zone or prefix. */
export const ipAddress: FormatCheck<string> = (value) =>
  parseAddress(value) === undefined ? 'must be an IPv4 or IPv6 address such as 10.9.8.7 or 2001:db8::ffff' : undefined;

interface Network extends Address {
  readonly prefix: number;
}

/** ParseCIDRSloppy after TrimSpace, as utilnet.ParseIPNets reads each source range. */
function parseCidr(value: string): Network | string {
  // The address ends at the first '/', and the prefix length is decimal digits, as in Go's ParseCIDR.
  const bad = 'must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/32';
  const match = /^([^/]*)\/(\d+)$/.exec(value.trim());
  if (match === null) {
    return bad;
  }
  const address = parseAddress(match[1]);
  if (address === undefined) {
    return bad;
  }
  const prefix = Number(match[2]);
  if (prefix > address.width) {
    return `has a prefix length above ${address.width}, the size of an ${address.width === 32 ? 'IPv4' : 'IPv6'} address`;
  }
  return { ...address, prefix };
}

/**
 * An IPv4 or IPv6 network in CIDR notation, as `loadBalancerSourceRanges` takes it
 * (ValidateService through GetLoadBalancerSourceRanges and utilnet.ParseIPNets): whitespace
 * around it and leading zeros in IPv4 octets and the prefix are accepted, and so are bits set
 * after the prefix, which {@link cidrHostBits} points out.
 */
export const cidr: FormatCheck<string> = (value) => {
  const parsed = parseCidr(value);
  return typeof parsed === 'string' ? parsed : undefined;
};

/**
 * A valid CIDR whose address has bits set after the prefix, such as `10.0.0.1/8`. Kubernetes
 * accepts it and masks it to its network (10.0.0.0/8), so the range is wider than the one
 * address it looks like. Undefined for a CIDR without such bits and for an invalid one ({@link cidr}'s case).
 */
export const cidrHostBits: FormatCheck<string> = (value) => {
  const parsed = parseCidr(value);
  if (typeof parsed === 'string') {
    return undefined;
  }
  const hostMask = (1n << BigInt(parsed.width - parsed.prefix)) - 1n;
  return (parsed.bits & hostMask) === 0n
    ? undefined
    : `has host bits set after the /${parsed.prefix} prefix: Kubernetes uses the whole network, not the one address; write the network address, or /${parsed.width} for one address`;
};

/** Four decimal octets without leading zeros, as Go's netip prints an IPv4 address. */
function formatIpv4(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (bits >> shift) & 0xffn).join('.');
}

/**
 * An IPv6 address as Go's netip prints it (RFC 5952): lowercase hex groups without leading
 * zeros, the longest run of two or more zero groups (the first of equally long ones) as `::`,
 * and an IPv4-mapped address as `::ffff:` and four octets.
 */
function formatIpv6(bits: bigint): string {
  if (bits >> 32n === 0xffffn) {
    return `::ffff:${formatIpv4(bits & 0xffffffffn)}`;
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => (bits >> shift) & 0xffffn);
  let run = 0;
  let longest = { end: 0, length: 1 };
  groups.forEach((group, i) => {
    run = group === 0n ? run + 1 : 0;
    if (run > longest.length) {
      longest = { end: i + 1, length: run };
    }
  });
  const hex = groups.map((g) => g.toString(16));
  if (longest.end === 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, longest.end - longest.length).join(':')}::${hex.slice(longest.end).join(':')}`;
}

/**
 * A source range the API server accepts but warns about (GetWarningsForService,
 * getWarningsForCIDR): one that Go 1.20's `netip.ParsePrefix` refuses, which Kubernetes says
 * will be invalid in a future release, or an IPv6 one written otherwise than netip prints it
 * (RFC 5952), which may make controllers rewrite it without end. netip refuses whitespace and
 * leading zeros in IPv4 octets, also in an IPv4 address ending an IPv6 one; it takes hex groups
 * of any length and a prefix length with leading zeros (strconv.Atoi), and does not mask host
 * bits. Undefined for a value in canonical form and for an invalid one ({@link cidr}'s case).
 */
export const cidrCanonicalForm: FormatCheck<string> = (value) => {
  const parsed = parseCidr(value);
  if (typeof parsed === 'string') {
    return undefined;
  }
  const address = parsed.width === 32 ? formatIpv4(parsed.bits) : formatIpv6(parsed.bits);
  const canonical = `${address}/${parsed.prefix}`;
  const refused = `which the API server accepts but warns will be invalid in a future Kubernetes release; write ${JSON.stringify(canonical)}`;
  if (value !== value.trim()) {
    return `has whitespace around it, ${refused}`;
  }
  const written = value.slice(0, value.indexOf('/'));
  const octets = written.slice(written.lastIndexOf(':') + 1).split('.');
  const padded = octets.length === 4 ? octets.find((o) => /^0\d/.test(o)) : undefined;
  if (padded !== undefined) {
    return `has an IPv4 octet with a leading zero (${padded}), ${refused}`;
  }
  if (parsed.width === 128 && value !== canonical) {
    return `is not in canonical IPv6 form (RFC 5952), which the API server warns may cause controller apply-loops; write ${JSON.stringify(canonical)}`;
  }
  return undefined;
};

/**
 * A TLS host of an Ingress (validateIngressTLS): a DNS-1123 subdomain, or `*.` and one, at most
 * 253 characters in all. An IP address passes here, as it does in the API server.
 */
export const tlsHost: FormatCheck<string> = (value) =>
  value.length <= SUBDOMAIN_MAX &&
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value)
    ? undefined
    : "must be a DNS name (a DNS-1123 subdomain) of at most 253 characters, optionally starting with the wildcard label '*.'";

/**
 * The host of an Ingress rule (ValidateIngressSpec): a {@link tlsHost} that is not an IP address
 * (ParseIPSloppy). `999.1.1.1` and `*.1.2.3.4` are no IP addresses, so they pass.
 */
export const ingressHost: FormatCheck<string> = (value) => {
  if (ipAddress(value) === undefined) {
    return 'must be a DNS name, not an IP address';
  }
  if (value.includes(':')) {
    return 'must be a DNS name, not an IP address or host:port';
  }
  return tlsHost(value);
};

/** A port given by number (1-65535) or by name (an IANA service name). */
export const portReference: FormatCheck<number | string> = (value) =>
  typeof value === 'number' ? portNumber(value) : portName(value);

/** `8080 (http), 9090`: how messages list the ports something offers. */
export function formatPorts(ports: readonly { readonly number: number; readonly name?: string }[]): string {
  return ports.map((p) => (p.name ? `${p.number} (${p.name})` : String(p.number))).join(', ');
}

/** The longest rendering of a value a message quotes whole; longer ones are cut. */
const QUOTED_MAX = 200;

/**
 * Renders a value the way it would be written in a manifest or in TypeScript. A rendering
 * longer than 200 characters is cut after its first 100, saying how long the value is, so that
 * a message about a huge value stays readable (and a 50 MB value is not echoed whole).
 */
export function formatValue(value: unknown): string {
  // JSON.stringify(null) is 'null', as String(null) is.
  const text = typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (text.length <= QUOTED_MAX) {
    return text;
  }
  const size = typeof value === 'string' ? `${value.length} characters` : `${text.length} characters as JSON`;
  return `${text.slice(0, QUOTED_MAX / 2)}… (cut; ${size})`;
}
