import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import type { EnvironmentKind } from '../../store/schema.ts';

/** Resolves a host name to all its addresses (node:dns `lookup` with `all: true`); injected in tests. */
export type ResolveHost = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const resolveWithDns: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** Why a URL may not receive webhooks; a returned value, shown to the operator. */
export type UrlRefusal = { refused: string };

/** The address a delivery connects to: checked, so DNS cannot send it elsewhere between check and connect. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * The URL's own rules: absolute http(s) without credentials; https only in production. Returns the
 * parsed URL or why not.
 */
export function parseEndpointUrl(raw: string, environment: EnvironmentKind): URL | UrlRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: `'${raw}' is not an absolute URL.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: 'Webhook URLs must use https (or http in development).' };
  if (url.protocol === 'http:' && environment === 'production') return { refused: 'Production webhook URLs must use https.' };
  if (url.username || url.password) return { refused: 'Webhook URLs may not contain credentials.' };
  return url;
}

/** Only public unicast addresses: loopback, private, link-local (cloud metadata), unique-local, CGNAT, reserved, ... are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Resolves the URL's host and picks the address to connect to. In production every address the name
 * resolves to must be public (a name that also points inside is refused), checked again before each
 * delivery against DNS rebinding; development may target anything, e.g. a receiver on localhost.
 */
export async function checkTarget(raw: string, environment: EnvironmentKind, resolve: ResolveHost = resolveWithDns): Promise<CheckedTarget | UrlRefusal> {
  const url = parseEndpointUrl(raw, environment);
  if ('refused' in url) return url;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return { refused: `The host '${host}' could not be resolved.` };
    }
  }
  if (addresses.length === 0) return { refused: `The host '${host}' could not be resolved.` };
  if (environment === 'production' && !addresses.every((a) => isPublicAddress(a.address))) {
    return { refused: `The host '${host}' resolves to a loopback, private, link-local or otherwise non-public address.` };
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
