import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a fetch may connect to. A feed list or a redirect can point anywhere; a
 * monitor running next to a database, a cloud metadata endpoint (169.254.169.254) or a router's
 * admin page must not be made to read them. Only ordinary public unicast addresses pass;
 * everything else is named so the refusal says what it was.
 */

export type AddressVerdict = { public: true; address: string } | { public: false; address: string; what: string };

/** ipaddr.js range names → words for an error message. Ranges not listed are "reserved". */
const RANGE_WORDS: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (private IPv6) address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  // These embed an IPv4 address the gateway would reach for us: refused whatever they embed.
  '6to4': 'a 6to4 address (embeds an IPv4 address)',
  teredo: 'a Teredo address (embeds an IPv4 address)',
  rfc6052: 'a NAT64 address (embeds an IPv4 address)',
  rfc6145: 'an IPv4-translated address',
  ipv4Mapped: 'an IPv4-mapped address',
};

/**
 * Classify one literal address. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4
 * address it maps, so the mapping cannot smuggle a loopback address through.
 */
export function classifyAddress(literal: string): AddressVerdict {
  const bare = literal.startsWith('[') && literal.endsWith(']') ? literal.slice(1, -1) : literal;
  // Zone ids (fe80::1%eth0) only appear on link-local addresses; the part before is enough.
  const noZone = bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare;
  if (!ipaddr.isValid(noZone)) return { public: false, address: literal, what: 'not a valid IP address' };
  const addr = ipaddr.process(noZone);
  const range = addr.range();
  const address = addr.toString();
  if (range === 'unicast') return { public: true, address };
  return { public: false, address, what: RANGE_WORDS[range] ?? `a reserved address (${range})` };
}

/** True when `host` (as URL.hostname gives it) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare));
}
