import type { RequestHandler } from 'express';
import { DemoError } from './demo-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The demo's own-origin rules, as any vendor backend holding an API key should have them:
 * - `Host` must name this app (`hosts`, filled once the port is known): a DNS-rebinding page reaches us
 *   under its own name and is turned away before anything is read or changed.
 * - Every state-changing call must be a same-origin JSON request: `Content-Type: application/json` (a
 *   cross-site page can send that only after a CORS preflight, which we never grant) and, when the browser
 *   sends `Origin`, exactly our own. A cross-site form or body-less `fetch` POST is refused.
 */
export function sameOrigin(hosts: ReadonlySet<string>): RequestHandler {
  return (req, _res, next) => {
    const host = req.headers.host?.toLowerCase();
    if (!host || !(hosts.has(host) || isReservedName(host, hosts))) {
      throw new DemoError(421, 'HOST_NOT_ALLOWED', 'This app is not served under that host name.');
    }
    if (SAFE_METHODS.has(req.method)) return next();
    if (!req.is('application/json')) {
      throw new DemoError(415, 'JSON_REQUIRED', "Send state-changing requests as JSON ('Content-Type: application/json').");
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${req.protocol}://${host}`) {
      throw new DemoError(403, 'CROSS_ORIGIN', 'Requests from other sites are not accepted.');
    }
    next();
  };
}

/**
 * `<name>.localhost:<port>` and `<name>.test:<port>` on one of our ports: names RFC 6761 reserves, which no
 * public DNS answers, so no attacker can point them at us (our browser tests reach the demo as `lumen.test`).
 */
function isReservedName(host: string, hosts: ReadonlySet<string>): boolean {
  const match = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:localhost|test)(:\d+)$/.exec(host);
  return !!match && [...hosts].some((own) => own.endsWith(match[1]!));
}

/** The `Host` values that name a server listening on `host:port` (all loopback spellings for a loopback one). */
export function ownHosts(host: string, port: number): string[] {
  const loopback = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host);
  const names = loopback ? ['localhost', '127.0.0.1', '[::1]'] : [host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase()];
  return names.map((name) => `${name}:${port}`);
}
