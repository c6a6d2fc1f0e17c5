import { formats } from '../lib';

// The format rules against Kubernetes 1.27. Each table names the function it mirrors; rows
// marked with a Go test come from that test's table (apimachinery pkg/util/validation
// validation_test.go, k8s.io/utils' forked net ip_test.go, or pkg/apis/core/validation
// validation_test.go), the others pin a boundary next to them: the longest valid value and the
// shortest too long, the last octet value and the first too large, and so on.

const a = (n: number) => 'a'.repeat(n);

interface Table<T> {
  readonly accepted: readonly T[];
  readonly rejected: readonly (readonly [T, string])[];
}

/** Every accepted value passes; every rejected value fails with exactly its message. */
function checkTable<T>(rule: formats.FormatCheck<T>, table: Table<T>): void {
  test.each(table.accepted.map((v) => [JSON.stringify(v), v] as const))('accepts %s', (_name, value) => {
    expect(rule(value)).toBeUndefined();
  });
  test.each(table.rejected.map(([v, m]) => [JSON.stringify(v), v, m] as const))(
    'rejects %s',
    (_name, value, message) => {
      expect(rule(value)).toBe(message);
    },
  );
}

const rejectAll = <T>(values: readonly T[], message: string) => values.map((v) => [v, message] as const);

const LABEL_1123 =
  "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";
const LABEL_1035 =
  "must be a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";
const SUBDOMAIN =
  "must be a DNS-1123 subdomain: at most 253 characters, dot-separated labels of lowercase letters, digits or '-', each starting and ending with a letter or digit";
const PORT_NUMBER = 'must be an integer from 1 to 65535';
const PORT_NAME =
  "must be an IANA service name: at most 15 lowercase letters, digits or '-', with at least one letter, no '--', starting and ending with a letter or digit";
const LABEL_KEY =
  "must be a label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const LABEL_VALUE =
  "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const CIDR = 'must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/32';
const IP = 'must be an IPv4 or IPv6 address such as 10.9.8.7 or 2001:db8::ffff';
const HOST =
  "must be a DNS name (a DNS-1123 subdomain) of at most 253 characters, optionally starting with the wildcard label '*.'";

describe('dns1123Label mirrors IsDNS1123Label', () => {
  checkTable(formats.dns1123Label, {
    // TestIsDNS1123Label goodValues
    accepted: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', a(63)],
    // TestIsDNS1123Label badValues; a trailing newline tests the end anchor as Go's RE2 reads it
    rejected: rejectAll(
      [
        ...['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1'],
        ...['_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2'],
        ...[' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', a(64), 'a\n'],
      ],
      LABEL_1123,
    ),
  });
});

describe('dns1035Label mirrors IsDNS1035Label', () => {
  checkTable(formats.dns1035Label, {
    // TestIsDNS1035Label goodValues
    accepted: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', a(63)],
    // TestIsDNS1035Label badValues
    rejected: rejectAll(
      [
        ...['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A'],
        ...['-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2'],
        ...['.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', a(64)],
      ],
      LABEL_1035,
    ),
  });
});

describe('dns1123Subdomain mirrors IsDNS1123Subdomain', () => {
  checkTable(formats.dns1123Subdomain, {
    // TestIsDNS1123Subdomain goodValues, and a 253-character name with dots
    accepted: [
      ...['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2'],
      ...['a.a', 'ab.a', 'abc.a', 'a1.a', 'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1'],
      ...['0.a', '01.a', '012.a', '1a.a', '1-a.a', '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1'],
      ...['a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', a(253), `${a(63)}.`.repeat(3) + a(61)],
    ],
    // TestIsDNS1123Subdomain badValues
    rejected: rejectAll(
      [
        ...['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1'],
        ...['_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2'],
        ...[' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A'],
        ...['A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A'],
        ...['A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a;b'],
        ...['a:b', 'a%b', 'a?b', 'a$b', a(254), 'a.-b', 'a-.b'],
      ],
      SUBDOMAIN,
    ),
  });
});

describe('portNumber mirrors IsValidPortNum, after JSON decoding into an int32', () => {
  checkTable(formats.portNumber, {
    // TestIsValidPortNum goodValues
    accepted: [1, 2, 1000, 16384, 32768, 65535],
    // TestIsValidPortNum badValues; a fraction is refused by JSON decoding
    rejected: rejectAll([0, -1, 65536, 100000, 80.5, NaN], PORT_NUMBER),
  });
});

describe('portName mirrors IsValidPortName', () => {
  checkTable(formats.portName, {
    // TestIsValidPortName goodValues, and the longest name
    accepted: ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3', 'abcdefghijklmno'],
    // TestIsValidPortName badValues
    rejected: rejectAll(
      ['longerthan15characters', '', a(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++', 'Http'],
      PORT_NAME,
    ),
  });
});

describe('protocol mirrors supportedPortProtocols of validateServicePort and validateContainerPorts', () => {
  checkTable(formats.protocol, {
    accepted: ['TCP', 'UDP', 'SCTP'],
    // supportedPortProtocols is case-sensitive, and an empty protocol is defaulted before validation, never sent by the constructs
    rejected: rejectAll(['tcp', 'HTTP', ''], 'must be one of TCP, UDP, SCTP'),
  });
});

describe('nonNegativeInteger mirrors ValidateNonnegativeField on an int32 field', () => {
  checkTable(formats.nonNegativeInteger, {
    accepted: [0, 1, 2147483647],
    rejected: [
      ...rejectAll([-1, 1.5], 'must be an integer of 0 or more'),
      // JSON decoding refuses a number above 2^31-1 for an int32 field
      [2147483648, 'must be at most 2147483647: the field is an int32'],
    ],
  });
});

// validateContainers requires an image; validateContainersOnlyForPod alone refuses whitespace,
// so a Deployment's template accepts it.
describe('image: a non-empty reference, whitespace left to the construct warning', () => {
  checkTable(formats.image, {
    accepted: ['nginx', 'registry.k8s.io/echoserver:1.10', 'ghcr.io/a/b@sha256:' + '0'.repeat(64), ' ', 'echo server'],
    rejected: rejectAll([''], 'must be a non-empty image reference'),
  });
});

// The kubelet parses an image with the docker distribution reference grammar
// (ParseNormalizedNamed, reference/normalize.go and regexp.go; applyDefaultImageTag in
// pkg/kubelet/images) and fails pods with InvalidImageName when it cannot. Rows follow that
// package's reference_test.go and normalize_test.go.
describe('imageReference mirrors ParseNormalizedNamed', () => {
  const KUBELET = 'the kubelet cannot parse it as an image reference, so no pod starts (InvalidImageName)';
  checkTable(formats.imageReference, {
    accepted: [
      'nginx',
      'echoserver:1.10',
      'registry.k8s.io/echoserver:1.10',
      'localhost/app',
      'localhost:5000/team/app:v1.2.3-rc_1',
      '[2001:db8::1]:5000/app',
      'a.b-c/d__e.f-g--h/i_j:TAG_1',
      'ghcr.io/a/b@sha256:' + '0'.repeat(64),
      'ghcr.io/a/b:1@sha256:' + 'f'.repeat(64),
      // Domain components may hold capitals (domainNameComponent); DNS ignores their case.
      'Registry.K8s.io/echoserver:1.10',
      // A first component with capitals is a registry host (splitDockerDomain).
      'MyRegistry/echoserver',
      'A/b',
      'Registry.IO/app',
      // A first component without '.', ':' or capitals is part of the path, where '_' may be.
      'lib_rary/app',
      // Only exactly 64 hexadecimal characters are refused (anchoredIdentifierRegexp).
      'f'.repeat(65),
      // NameTotalLengthMax: 255.
      'a'.repeat(255),
      'ghcr.io/a/b@sha384:' + 'a'.repeat(96),
      'ghcr.io/a/b@sha512:' + 'a'.repeat(128),
    ],
    rejected: [
      [
        'registry.k8s.io/echoserver\u200b:1.10',
        `has the character U+200B, which no image reference may hold: the kubelet cannot parse it, so no pod starts (InvalidImageName)`,
      ],
      [
        'registry.k8s.io/écho',
        `has the character U+00E9, which no image reference may hold: the kubelet cannot parse it, so no pod starts (InvalidImageName)`,
      ],
      ['registry.k8s.io/EchoServer:1.10', `has capitals in its repository path, which must be lowercase: ${KUBELET}`],
      ['Echoserver', `has capitals in its repository path, which must be lowercase: ${KUBELET}`],
      [
        'registry.k8s.io/echo!server',
        "has a repository path that is not lowercase letters, digits and separators ('.', '_', '__', '-') between '/': " +
          KUBELET,
      ],
      [
        'registry.k8s.io//echoserver',
        "has a repository path that is not lowercase letters, digits and separators ('.', '_', '__', '-') between '/': " +
          KUBELET,
      ],
      ['echoserver:-1', `has an invalid tag: ${KUBELET}`],
      ['echoserver:' + 'a'.repeat(129), `has an invalid tag: ${KUBELET}`],
      ['echoserver@sha256:abc', `has an invalid digest: ${KUBELET}`],
      // digest.Parse: each algorithm has its length of lowercase hex, and unknown ones are unsupported.
      ['echoserver@sha256:' + '0'.repeat(32), `has an invalid digest: ${KUBELET}`],
      ['echoserver@sha256:' + 'A'.repeat(64), `has an invalid digest: ${KUBELET}`],
      ['echoserver@sha256:' + '0'.repeat(64) + 'zz', `has an invalid digest: ${KUBELET}`],
      ['echoserver@sha512:' + '0'.repeat(64), `has an invalid digest: ${KUBELET}`],
      ['echoserver@md5:' + '0'.repeat(32), `has an invalid digest: ${KUBELET}`],
      ['echoserver@1sha256:' + '0'.repeat(64), `has an invalid digest: ${KUBELET}`],
      [
        'a'.repeat(256),
        "has a repository path that is not lowercase letters, digits and separators ('.', '_', '__', '-') between '/': " +
          KUBELET,
      ],
      [
        // Capitals in a path that is invalid anyway: the path's own message, not the capitals'.
        'registry.io/Ab%c',
        "has a repository path that is not lowercase letters, digits and separators ('.', '_', '__', '-') between '/': " +
          KUBELET,
      ],
      ['-registry.io/app', `has an invalid registry host: ${KUBELET}`],
      [
        'a'.repeat(64).replace(/a/g, 'f'),
        'is a 64-character hexadecimal string, which the kubelet refuses as a repository name, so no pod starts (InvalidImageName)',
      ],
    ],
  });
});

describe('labelKey mirrors IsQualifiedName', () => {
  checkTable(formats.labelKey, {
    // TestIsQualifiedName successCases
    accepted: [
      ...['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple'],
      ...['now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple'],
      ...['1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123'],
      ...['requests.storage-foo', a(63), `${a(253)}/${'b'.repeat(63)}`, 'a/b', 'x'],
    ],
    // TestIsQualifiedName errorCases, and a name part one character too long
    rejected: rejectAll(
      [
        ...['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash'],
        ...['Example.com/abc', 'example_com/abc', 'example.com/', '/simple', a(64), `${a(254)}/abc`],
        `example.com/${a(64)}`,
      ],
      LABEL_KEY,
    ),
  });
});

describe('labelValue mirrors IsValidLabelValue', () => {
  checkTable(formats.labelValue, {
    // TestIsValidLabelValue successCases
    accepted: ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', a(63), '', 'a'],
    // TestIsValidLabelValue errorCases
    rejected: rejectAll(
      [
        ...['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash'],
        ...['ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', a(64)],
      ],
      LABEL_VALUE,
    ),
  });
});

describe('externalName mirrors ValidateService for type ExternalName: one trailing dot, then IsDNS1123Subdomain', () => {
  checkTable(formats.externalName, {
    // TestValidateServiceCreate "valid ExternalName" and "valid ExternalName (trailing dot)";
    // an IPv4 address is a valid subdomain; the dot does not count towards the 253 characters
    accepted: ['foo.bar.example.com', 'foo.bar.example.com.', '10.0.0.1', a(253), `${a(253)}.`],
    rejected: [
      // TestValidateServiceCreate "invalid ExternalName (not a DNS name)"
      ['-123', SUBDOMAIN],
      ['foo.bar.example.com..', SUBDOMAIN],
      ['.', SUBDOMAIN],
      [`${a(254)}.`, SUBDOMAIN],
      ['https://httpbin.org', 'must be a DNS name, not a URL: no scheme and no path'],
      ['httpbin.org/get', 'must be a DNS name, not a URL: no scheme and no path'],
      ['httpbin.org:443', 'must be a DNS name, without a port, and not an IPv6 address'],
      ['fd00::1', 'must be a DNS name, without a port, and not an IPv6 address'],
    ],
  });
});

describe('ipAddress mirrors IsValidIP (ParseIPSloppy, the Go 1.16 parser Kubernetes keeps)', () => {
  checkTable(formats.ipAddress, {
    accepted: [
      // TestIsValidIP goodValues (apimachinery 1.27)
      ...['::1', '2a00:79e0:2:0:f1c3:e797:93c1:df80', '::', '2001:4860:4860::8888', '::fff:1.1.1.1'],
      ...['1.1.1.1', '1.1.1.01', '255.0.0.1', '1.0.0.0', '0.0.0.0'],
      // TestParseIP parseIPTests with an address (k8s.io/utils forked net)
      ...['127.0.1.2', '127.001.002.003', '127.010.020.030', '::ffff:127.1.2.3', '::ffff:127.001.002.003'],
      ...[
        '::ffff:7f01:0203',
        '0:0:0:0:0000:ffff:127.1.2.3',
        '0:0:0:0:000000:ffff:127.1.2.3',
        '0:0:0:0::ffff:127.1.2.3',
      ],
      ...['2001:4860:0:2001::68', '2001:4860:0000:2001:0000:0000:0000:0068'],
      // the largest values, an uncompressed IPv4 tail, and `::` at either end
      ...[
        '255.255.255.255',
        'FFFF:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        '1:2:3:4:5:6:1.2.3.4',
        '1:2:3:4:5:6:7::',
        '::2:3:4:5:6:7:8',
      ],
    ],
    rejected: rejectAll(
      [
        // TestIsValidIP badValues (apimachinery 1.27)
        ...['[2001:db8:0:1]:80', 'myhost.mydomain', '-1.0.0.0', '[2001:db8:0:1]', 'a'],
        // TestParseIP parseIPTests without an address
        ...['-0.0.0.0', '0.-1.0.0', '0.0.-2.0', '0.0.0.-3', '127.0.0.256', 'abc', '123:', 'fe80::1%lo0', 'fe80::1%911'],
        ...['', 'a1:a2:a3:a4::b1:b2:b3:b4'],
        // one group or octet too many or too large, `::` twice, colons at the ends
        ...['1.2.3', '1.2.3.4.5', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '1:2:3:4:5:6:7:10000'],
        ...[':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', ':::1', '1.2.3.4::', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3.256', '::1.2.3'],
        ...['::1.2.3.4:5', '1.2.3.4/32', ' 1.2.3.4', 'g::1', '1:2:3:4:5:6:7:8::1::2'],
      ],
      IP,
    ),
  });
});

describe('cidr mirrors ValidateService on loadBalancerSourceRanges (utilnet.ParseIPNets: TrimSpace, ParseCIDRSloppy)', () => {
  checkTable(formats.cidr, {
    accepted: [
      // TestValidateServiceCreate "valid LoadBalancer source range": bits after the prefix are accepted
      ...['1.2.3.4/8', '5.6.7.8/16'],
      // TestParseCIDR parseCIDRTests that parse (k8s.io/utils forked net)
      ...['135.104.0.0/32', '0.0.0.0/24', '135.104.0.0/24', '135.104.0.1/32', '135.104.0.1/24', '127.000.000.001/32'],
      ...['127.007.008.009/32', '::1/128', 'abcd:2345::/127', 'abcd:2345::/65', 'abcd:2345::/64', 'abcd:2345::/63'],
      ...['abcd:2345::/33', 'abcd:2345::/32', 'abcd:2344::/31', 'abcd:2300::/24', 'abcd:2345::/24', '2001:DB8::/48'],
      '2001:DB8::1/48',
      // the whole space, a leading-zero prefix, and whitespace that ParseIPNets trims
      ...['0.0.0.0/0', '::/0', '10.0.0.0/024', ' 10.0.0.0/8 ', '\t2001:db8::/32\n', '::ffff:10.0.0.0/104'],
    ],
    rejected: [
      // TestValidateServiceCreate "empty LoadBalancer source range" and "invalid LoadBalancer source range"
      ...rejectAll(['   ', 'foo.bar'], CIDR),
      // TestParseCIDR parseCIDRTests that fail
      ...rejectAll(['192.168.1.1/255.255.255.0', '2001:db8::1/-1', '2001:db8::1/-0', '-0.0.0.0/32'], CIDR),
      ...rejectAll(['0.-1.0.0/32', '0.0.-2.0/32', '0.0.0.-3/32', '0.0.0.0/-0', ''], CIDR),
      // no prefix, an empty one, a second slash, an octet of 256, malformed IPv6
      ...rejectAll(
        ['10.0.0.0', '10.0.0.0/', '10.0.0.0/8/8', '1/10.0.0.0/8', '10.0.256.0/24', '1::2::3/64', '/8'],
        CIDR,
      ),
      // TestValidateServiceCreate "invalid LoadBalancer source range annotation (invalid CIDR)"
      ['1.2.3.4/33', 'has a prefix length above 32, the size of an IPv4 address'],
      ['192.168.1.1/35', 'has a prefix length above 32, the size of an IPv4 address'],
      ['2001:db8::/129', 'has a prefix length above 128, the size of an IPv6 address'],
    ],
  });
});

describe('cidrHostBits: bits set after the prefix, which Kubernetes accepts and masks away', () => {
  checkTable(formats.cidrHostBits, {
    // network addresses, one-address networks, and values cidr rejects (its own message covers them)
    accepted: [
      '10.0.0.0/8',
      '10.0.0.1/32',
      '255.255.255.255/32',
      '2001:db8::/32',
      '2001:db8::1/128',
      '::/0',
      'x',
      '1.2.3.4/33',
    ],
    rejected: [
      [
        '10.0.0.1/8',
        'has host bits set after the /8 prefix: Kubernetes uses the whole network, not the one address; write the network address, or /32 for one address',
      ],
      [
        '10.0.0.1/31',
        'has host bits set after the /31 prefix: Kubernetes uses the whole network, not the one address; write the network address, or /32 for one address',
      ],
      [
        '2001:db8::1/127',
        'has host bits set after the /127 prefix: Kubernetes uses the whole network, not the one address; write the network address, or /128 for one address',
      ],
      [
        '128.0.0.0/0',
        'has host bits set after the /0 prefix: Kubernetes uses the whole network, not the one address; write the network address, or /32 for one address',
      ],
    ],
  });
});

const refused = (canonical: string) =>
  `which the API server accepts but warns will be invalid in a future Kubernetes release; write "${canonical}"`;
const spaced = (canonical: string) => `has whitespace around it, ${refused(canonical)}`;
const paddedOctet = (octet: string, canonical: string) =>
  `has an IPv4 octet with a leading zero (${octet}), ${refused(canonical)}`;
const nonCanonical = (canonical: string) =>
  `is not in canonical IPv6 form (RFC 5952), which the API server warns may cause controller apply-loops; write "${canonical}"`;

describe('cidrCanonicalForm mirrors getWarningsForCIDR: Go 1.20 netip.ParsePrefix, then Prefix.String for IPv6', () => {
  checkTable(formats.cidrCanonicalForm, {
    accepted: [
      // Test_getWarningsForCIDR "IPv4 No failures" and "IPv6 No failures"
      ...['192.12.2.0/24', '2001:db8::/64'],
      // IPv4 is not compared with its printed form, so strconv.Atoi's leading zeros in the prefix pass
      ...['10.0.0.0/08', '0.0.0.0/0', '0.0.0.0/32', '100.10.0.0/16'],
      // ParsePrefix keeps host bits, and Prefix.String prints them
      ...['10.0.0.1/8', '2001:db8::1/32'],
      // the longest zero run as ::, the first of two as long, none for a single zero group
      ...['::/0', '::1/128', '1::/16', '1::2:0:0:3:4/128', '1:0:0:2::/128', '2001:db8:0:1:1:1:1:1/128'],
      ...['1:2:3:4:5:6:7:0/128', '1:2:3:4:5:6::/128'],
      // IPv4-mapped addresses print as ::ffff: and four octets; others with an IPv4 tail do not
      ...['::ffff:192.0.2.0/120', '::ffff:0.0.0.0/96', '::fffe:1:2/128', '::1:ffff:1:2/128'],
      // values cidr rejects: its own message covers them
      ...['x', '1.2.3.4/33', '   ', '010.0.0.0', '12345::/16'],
    ],
    rejected: [
      // Test_getWarningsForCIDR "IPv4 with leading zeros" and "IPv6 non-canonical format"
      ['192.012.2.0/24', paddedOctet('012', '192.12.2.0/24')],
      ['2001:db8:0:0::/64', nonCanonical('2001:db8::/64')],
      // whitespace, which utilnet.ParseIPNets trims but netip refuses; it is reported before a leading zero
      [' 10.0.0.0/8', spaced('10.0.0.0/8')],
      ['10.0.0.0/8 ', spaced('10.0.0.0/8')],
      ['\t2001:DB8::/32\n', spaced('2001:db8::/32')],
      [' 010.0.0.0/8', spaced('10.0.0.0/8')],
      // a leading zero in any octet, the first one named; a zero alone is no leading zero
      ['00.0.0.0/8', paddedOctet('00', '0.0.0.0/8')],
      ['010.000.000.000/8', paddedOctet('010', '10.0.0.0/8')],
      ['10.0.0.01/32', paddedOctet('01', '10.0.0.1/32')],
      // and in the IPv4 address ending an IPv6 one, which the message then prints in hex unless mapped
      ['::ffff:010.0.0.0/104', paddedOctet('010', '::ffff:10.0.0.0/104')],
      ['1:2:3:4:5:6:192.0.2.01/128', paddedOctet('01', '1:2:3:4:5:6:c000:201/128')],
      // capitals, leading zeros in a group (Go 1.20 takes five digits too), in the prefix length
      ['2001:DB8::/32', nonCanonical('2001:db8::/32')],
      ['2001:0db8::/32', nonCanonical('2001:db8::/32')],
      ['02001:db8::/32', nonCanonical('2001:db8::/32')],
      ['2001:db8::0123/128', nonCanonical('2001:db8::123/128')],
      ['2001:db8::/032', nonCanonical('2001:db8::/32')],
      // :: for a single zero group, for the later of two equal runs, for the shorter run
      ['2001:db8::1:1:1:1:1/128', nonCanonical('2001:db8:0:1:1:1:1:1/128')],
      ['1:0:0:2::3:4/128', nonCanonical('1::2:0:0:3:4/128')],
      ['1::2:0:0:0:3/128', nonCanonical('1:0:0:2::3/128')],
      ['1:2:3:4:5:6:0:0/128', nonCanonical('1:2:3:4:5:6::/128')],
      ['0:0:0:0:0:0:0:0/0', nonCanonical('::/0')],
      // IPv4-mapped written in hex or capitals; an IPv4 tail on another address prints in hex
      ['::ffff:c000:200/120', nonCanonical('::ffff:192.0.2.0/120')],
      ['::FFFF:192.0.2.0/120', nonCanonical('::ffff:192.0.2.0/120')],
      ['::ffff:1:2/128', nonCanonical('::ffff:0.1.0.2/128')],
      ['::ffff:0:0/96', nonCanonical('::ffff:0.0.0.0/96')],
      ['::1.2.3.4/128', nonCanonical('::102:304/128')],
      ['64:ff9b::192.0.2.0/120', nonCanonical('64:ff9b::c000:200/120')],
    ],
  });
});

describe('tlsHost mirrors validateIngressTLS: IsWildcardDNS1123Subdomain for a host with *, else IsDNS1123Subdomain', () => {
  checkTable(formats.tlsHost, {
    // TestIsWildcardDNS1123Subdomain goodValues; an IP address is no error for a TLS host
    accepted: ['*.example.com', '*.bar.com', '*.foo.bar.com', 'example.com', '10.0.0.1', `*.${a(251)}`, a(253)],
    // TestIsWildcardDNS1123Subdomain badValues; the 253 characters include the '*.'
    rejected: rejectAll(
      ['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*', `*.${a(252)}`, 'Example.com', ''],
      HOST,
    ),
  });
});

describe('ingressHost mirrors ValidateIngressSpec: not an IP address (ParseIPSloppy), then as a TLS host', () => {
  checkTable(formats.ingressHost, {
    // not IP addresses to ParseIPSloppy, so valid host names
    accepted: ['echo.example.com', '*.example.org', '999.1.1.1', '1.2.3.4.5', '*.1.2.3.4'],
    rejected: [
      // ValidateIngressSpec refuses a host that ParseIPSloppy reads as an address, leading zeros included
      ['10.0.0.1', 'must be a DNS name, not an IP address'],
      ['010.0.0.1', 'must be a DNS name, not an IP address'],
      ['::1', 'must be a DNS name, not an IP address'],
      ['example.com:8080', 'must be a DNS name, not an IP address or host:port'],
      ['[::1]', 'must be a DNS name, not an IP address or host:port'],
      ['Echo_Example.com', HOST],
      ['*.*.example.com', HOST],
    ],
  });
});

describe('portReference: a port number or an IANA port name', () => {
  checkTable<number | string>(formats.portReference, {
    accepted: [8080, 'http'],
    rejected: [
      [0, PORT_NUMBER],
      ['8080', PORT_NAME],
    ],
  });
});

describe('parsePortRange reads the low-high form of --service-node-port-range', () => {
  test.each<[string, { min: number; max: number } | undefined]>([
    ['30000-32767', { min: 30000, max: 32767 }],
    // a one-port range, and the widest
    ['30000-30000', { min: 30000, max: 30000 }],
    ['1-65535', { min: 1, max: 65535 }],
    [' 20000-22767 ', { min: 20000, max: 22767 }],
    ['30001-30000', undefined],
    ['0-100', undefined],
    ['1-65536', undefined],
    ['30000', undefined],
    ['30000-', undefined],
    ['-30000', undefined],
    ['a30000-32767', undefined],
    ['30000-32767b', undefined],
  ])('%j', (value, expected) => {
    expect(formats.parsePortRange(value)).toEqual(expected);
  });
});

describe('formatting for messages', () => {
  test('formatPorts lists numbers with their names', () => {
    expect(formats.formatPorts([{ number: 8080, name: 'http' }, { number: 9090 }])).toBe('8080 (http), 9090');
  });
  test.each<[unknown, string]>([
    ['a', '"a"'],
    [{ app: 'x' }, '{"app":"x"}'],
    [['a'], '["a"]'],
    [80, '80'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('formatValue(%j) is %s', (value, text) => {
    expect(formats.formatValue(value)).toBe(text);
  });

  // A message quotes a value so the author can find it; a 50 MB value echoed whole would bury
  // every other message. 200 characters are quoted whole; beyond, the first 100 and the length.
  test('formatValue quotes a value of up to 200 characters whole', () => {
    expect(formats.formatValue('a'.repeat(198))).toBe(`"${'a'.repeat(198)}"`);
  });

  test.each<[string, unknown, string]>([
    ['a string of 199 characters', 'a'.repeat(199), `"${'a'.repeat(99)}… (cut; 199 characters)`],
    ['a 50 MB string', 'b'.repeat(50 * 1024 * 1024), `"${'b'.repeat(99)}… (cut; 52428800 characters)`],
    ['a long list', Array(100).fill('x'), `[${'"x",'.repeat(24)}"x"… (cut; 401 characters as JSON)`],
  ])('formatValue cuts %s', (_case, value, text) => {
    expect(formats.formatValue(value)).toBe(text);
  });
});
