import ipaddr from 'ipaddr.js';
import { inputInvalid } from './errors.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Unwraps IPv4-mapped IPv6 (`::ffff:1.2.3.4`) so one rule matches both spellings. */
function unmap(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** One checked entry: its normal form, or why it was refused. */
export type AllowlistEntryCheck = { normal: string } | { normal: null; problem?: string };

/**
 * Validates and normalises one allowlist entry: a single IPv4/IPv6 address or a CIDR range whose host bits
 * are zero. IPv4-mapped IPv6 becomes IPv4 (`::ffff:192.0.2.0/120` -> `192.0.2.0/24`). Input is taken
 * literally: surrounding whitespace or host bits beyond the prefix (`10.1.2.3/8`) are refused with the
 * reason, since guessing what the operator meant could open a key to far more addresses than intended.
 */
export function checkAllowlistEntry(entry: string): AllowlistEntryCheck {
  if (entry !== entry.trim()) return { normal: null, problem: 'surrounding whitespace' };
  if (entry.includes('/')) {
    if (!ipaddr.isValidCIDR(entry) || !/\/(0|[1-9]\d{0,2})$/.test(entry)) return { normal: null };
    let [address, bits] = ipaddr.parseCIDR(entry);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      address = (address as ipaddr.IPv6).toIPv4Address();
      bits -= 96;
    }
    const network =
      address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
    const normal = `${network.toString()}/${bits}`;
    if (network.toString() !== address.toString()) return { normal: null, problem: `host bits set beyond /${bits}; the range is ${normal}` };
    return { normal };
  }
  // Zone ids (`fe80::1%eth0`) name an interface of the client's host, never something a server can match.
  if (!ipaddr.isValid(entry) || entry.includes('%')) return { normal: null };
  // ipaddr.isValid also accepts legacy shorthands like "10" or "0x0a.1"; only dotted quads or IPv6 count.
  if (!ipaddr.IPv6.isValid(entry) && !ipaddr.IPv4.isValidFourPartDecimal(entry)) return { normal: null };
  return { normal: unmap(ipaddr.parse(entry)).toString() };
}

/** The normal form of one entry (see {@link checkAllowlistEntry}), or `null` when it is refused. */
export function normaliseAllowlistEntry(entry: string): string | null {
  return checkAllowlistEntry(entry).normal;
}

/** Normalised entries that allow every address of their family (`0.0.0.0/0`, `::/0`, and what becomes them). */
export function allowAllEntries(allowlist: readonly string[]): string[] {
  return allowlist.filter((entry) => entry.endsWith('/0'));
}

export interface AllowlistOptions {
  /** Accept entries that allow every address (`0.0.0.0/0`, `::/0`); the CLI's `--allow-all`. @default false */
  allowAll?: boolean;
  /** How to ask for allow-all where the caller is (the console has a confirmation, not a flag). @default the CLI's `--allow-all` */
  allowAllHint?: string;
}

/**
 * Normalises a whole allowlist, rejecting it with INPUT_INVALID naming every bad entry (and why, when the
 * entry looks like an address); removes duplicates. An allow-all range is refused unless `allowAll` is set:
 * a list that restricts nothing must be asked for explicitly.
 */
export function normaliseAllowlist(entries: readonly string[], options: AllowlistOptions = {}): string[] {
  const bad: string[] = [];
  const out = new Set<string>();
  for (const entry of entries) {
    const check = checkAllowlistEntry(entry);
    if (check.normal === null) bad.push(JSON.stringify(entry) + ('problem' in check && check.problem ? ` (${check.problem})` : ''));
    else out.add(check.normal);
  }
  if (bad.length > 0) {
    throw inputInvalid(
      `Invalid IP allowlist ${bad.length === 1 ? 'entry' : 'entries'}: ${bad.join(', ')}. ` +
        'Use IPv4/IPv6 addresses or CIDR ranges such as 203.0.113.0/24 or 2001:db8::/32.',
    );
  }
  const allowAll = allowAllEntries([...out]);
  if (allowAll.length > 0 && !options.allowAll) {
    throw inputInvalid(
      `IP allowlist ${allowAll.length === 1 ? 'entry' : 'entries'} ${allowAll.map((e) => JSON.stringify(e)).join(', ')} ` +
        `allow every address. ${options.allowAllHint ?? 'Pass --allow-all if that is really meant'}, or list the addresses to allow.`,
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
