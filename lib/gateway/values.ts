// The value formats the Gateway API v1.1.1 CRDs declare (OpenAPI `pattern`, `maxLength` and the
// CEL rules on paths), shared by the Gateway and HTTPRoute constructs. Each check returns why a
// value is refused, or undefined when the API server accepts it. The CRDs' DNS subdomain
// pattern is Kubernetes' own, so it is checked by the formats of the core API.
import { dns1123Subdomain } from '../validation/formats';

export { portNumber } from '../validation/formats';

/** The API group of the Gateway API kinds. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A listener or route hostname: a DNS name, optionally `*.` first, no IP address, at most 253 characters. */
export function hostname(value: string): string | undefined {
  if (value.length < 1 || value.length > 253) {
    return 'must be 1 to 253 characters long';
  }
  if (dns1123Subdomain(value.startsWith('*.') ? value.slice(2) : value) !== undefined) {
    return 'must be a lowercase DNS name, optionally starting with "*." (no port, scheme or IP address)';
  }
  return undefined;
}

/**
 * Why an IPv4 address as a listener or route hostname will not work: the CRD's pattern accepts
 * it, but the Gateway API defines hostnames as DNS names only, so implementations reject it.
 */
export function ipHostname(value: string): string | undefined {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(value)
    ? 'is an IP address, which the Gateway API does not allow as a hostname; implementations reject it'
    : undefined;
}

/** A redirect or rewrite hostname: a DNS name without a wildcard, at most 253 characters. */
export function preciseHostname(value: string): string | undefined {
  if (dns1123Subdomain(value) !== undefined) {
    return 'must be a lowercase DNS name of at most 253 characters, without a wildcard';
  }
  return undefined;
}

/**
 * A reference to an object by name (the CRDs' ObjectName): 1 to 253 characters, and no pattern,
 * so the API server accepts any such string; {@link objectName} says whether an object can have it.
 */
export function objectNameLength(value: string): string | undefined {
  return value.length < 1 || value.length > 253 ? 'must be 1 to 253 characters long' : undefined;
}

/**
 * Why a name of the right length that {@link objectNameLength} accepts can name no object:
 * it is not a DNS-1123 subdomain. Undefined for a name of the wrong length, which is an error.
 */
export function unnameableObject(value: string): string | undefined {
  return objectNameLength(value) === undefined && objectName(value) !== undefined
    ? 'is not a DNS-1123 subdomain, so no object has this name'
    : undefined;
}

/** An object name or listener (section) name: a DNS-1123 subdomain of at most 253 characters. */
export function objectName(value: string): string | undefined {
  if (dns1123Subdomain(value) !== undefined) {
    return 'must be a lowercase DNS-1123 subdomain of at most 253 characters';
  }
  return undefined;
}

/** An HTTP header or query parameter name (an RFC 7230 token), at most 256 characters. */
export function httpHeaderName(value: string): string | undefined {
  if (value.length > 256 || !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(value)) {
    return "must be an HTTP token of 1 to 256 letters, digits and !#$%&'*+-.^_`|~";
  }
  return undefined;
}

/**
 * An Exact or PathPrefix path match: absolute, at most 1024 characters, no `//`, `/./`,
 * `/../`, encoded slash or `#`, not ending in `/.` or `/..`, only URL path characters.
 */
export function pathMatch(value: string): string | undefined {
  if (!value.startsWith('/')) {
    return "must start with '/'";
  }
  if (value.length > 1024) {
    return 'must be at most 1024 characters long';
  }
  for (const part of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (value.includes(part)) {
      return `must not contain '${part}'`;
    }
  }
  for (const end of ['/..', '/.']) {
    if (value.endsWith(end)) {
      return `must not end with '${end}'`;
    }
  }
  if (!/^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/.test(value)) {
    return "must contain only URL path characters (letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)";
  }
  return undefined;
}

/** A path a filter writes (ReplaceFullPath or ReplacePrefixMatch), at most 1024 characters. */
export function pathModifier(value: string): string | undefined {
  return value.length > 1024 ? 'must be at most 1024 characters long' : undefined;
}

/**
 * Whether a route hostname and a listener hostname have requests in common, as the Gateway API
 * intersects them: equal names, or a `*.` wildcard on either side covering the other name.
 */
export function hostnamesIntersect(route: string, listener: string): boolean {
  if (route === listener) {
    return true;
  }
  const suffix = (h: string) => h.slice(1); // '*.example.com' -> '.example.com'
  const routeWild = route.startsWith('*.');
  const listenerWild = listener.startsWith('*.');
  if (listenerWild && (routeWild ? suffix(route) : route).endsWith(suffix(listener))) {
    return true;
  }
  return routeWild && (listenerWild ? suffix(listener) : listener).endsWith(suffix(route));
}
