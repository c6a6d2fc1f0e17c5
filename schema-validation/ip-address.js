'use strict';
// IP addresses as the Kubernetes 1.27 API server reads the `ipv4` and `ipv6` formats of a CRD
// schema: kube-openapi's strfmt checks them with k8s.io/utils/net ParseIPSloppy (the parser of
// Go 1.16, kept for compatibility) and a '.' (IPv4) or a ':' (IPv6) in the text. So IPv4 octets
// are decimal numbers of 0-255 that may have leading zeros (`010.0.0.1` is accepted: seen on
// kube-apiserver 1.27.16), IPv6 groups have one to four hex digits, one `::` stands for at
// least one zero group, and an IPv4 address may stand only as the last two groups.

/**
 * Four decimal octets of 0-255, leading zeros allowed (ParseIPSloppy reads `010` as ten).
 *
 * @param {string} text
 */
function isIpv4(text) {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((o) => /^\d+$/.test(o) && Number(o) <= 255);
}

/**
 * How many 16-bit groups one side of a `::` holds; undefined when a field is malformed.
 *
 * @param {string} side
 * @param {boolean} endsAddress whether the side ends the address, where an IPv4 address may stand
 */
function groupCount(side, endsAddress) {
  if (side === '') {
    return 0;
  }
  const fields = side.split(':');
  let count = 0;
  for (const [i, field] of fields.entries()) {
    if (/^[0-9a-fA-F]{1,4}$/.test(field)) {
      count += 1;
    } else if (endsAddress && i === fields.length - 1 && isIpv4(field)) {
      count += 2;
    } else {
      return undefined;
    }
  }
  return count;
}

/**
 * Whether Go 1.20's net.ParseIP parses `text` as an IPv6 address (zones refused).
 *
 * @param {string} text
 */
function isIpv6Address(text) {
  const halves = text.split('::');
  if (halves.length > 2) {
    return false;
  }
  if (halves.length === 1) {
    return groupCount(text, true) === 8;
  }
  const head = groupCount(halves[0], false);
  const tail = groupCount(halves[1], true);
  // The `::` stands for at least one group of zeros.
  return head !== undefined && tail !== undefined && head + tail <= 7;
}

/**
 * Whether Go 1.20's net.ParseIP accepts `text`: netip.ParseAddr picks IPv4 or IPv6 by whichever
 * of '.' and ':' comes first.
 *
 * @param {string} text
 */
function parsesAsIp(text) {
  const dot = text.indexOf('.');
  const colon = text.indexOf(':');
  if (colon !== -1 && (dot === -1 || colon < dot)) {
    return isIpv6Address(text);
  }
  return isIpv4(text);
}

/** @type {Record<'ipv4' | 'ipv6', import('ajv').Format>} */
const IP_FORMATS = {
  ipv4: { type: 'string', validate: (s) => parsesAsIp(s) && s.includes('.') },
  ipv6: { type: 'string', validate: (s) => parsesAsIp(s) && s.includes(':') },
};

module.exports = { IP_FORMATS, parsesAsIp };
