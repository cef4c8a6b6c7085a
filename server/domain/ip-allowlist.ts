import ipaddr from 'ipaddr.js';
import { inputInvalid } from './errors.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Unwraps IPv4-mapped IPv6 (`::ffff:1.2.3.4`) so one rule matches both spellings. */
function unmap(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Validates and normalises one allowlist entry: a single IPv4/IPv6 address or a CIDR range.
 * Ranges are reduced to their network address (`10.1.2.3/8` -> `10.0.0.0/8`); IPv4-mapped IPv6 becomes IPv4.
 * Returns `null` for anything else.
 */
export function normaliseAllowlistEntry(entry: string): string | null {
  const text = entry.trim();
  if (text.includes('/')) {
    if (!ipaddr.isValidCIDR(text)) return null;
    let [address, bits] = ipaddr.parseCIDR(text);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      address = (address as ipaddr.IPv6).toIPv4Address();
      bits -= 96;
    }
    const network =
      address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
    return `${network.toString()}/${bits}`;
  }
  if (!ipaddr.isValid(text)) return null;
  // ipaddr.isValid also accepts legacy shorthands like "10" or "0x0a.1"; only dotted quads or IPv6 count.
  if (!ipaddr.IPv6.isValid(text) && !ipaddr.IPv4.isValidFourPartDecimal(text)) return null;
  return unmap(ipaddr.parse(text)).toString();
}

/** Normalises a whole allowlist, rejecting it with INPUT_INVALID naming every bad entry; removes duplicates. */
export function normaliseAllowlist(entries: readonly string[]): string[] {
  const bad: string[] = [];
  const out = new Set<string>();
  for (const entry of entries) {
    const normal = normaliseAllowlistEntry(entry);
    if (normal === null) bad.push(entry);
    else out.add(normal);
  }
  if (bad.length > 0) {
    throw inputInvalid(
      `Invalid IP allowlist ${bad.length === 1 ? 'entry' : 'entries'}: ${bad.map((b) => JSON.stringify(b)).join(', ')}. ` +
        'Use IPv4/IPv6 addresses or CIDR ranges such as 203.0.113.0/24 or 2001:db8::/32.',
    );
  }
  return [...out];
}

/** True when `ip` is allowed by the (normalised) allowlist; an empty list allows every address. */
export function isIpAllowed(allowlist: readonly string[], ip: string | undefined): boolean {
  if (allowlist.length === 0) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  const address = unmap(ipaddr.parse(ip));
  return allowlist.some((entry) => {
    const range: [Address, number] = entry.includes('/')
      ? ipaddr.parseCIDR(entry)
      : [ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128];
    return range[0].kind() === address.kind() && address.match(range);
  });
}
