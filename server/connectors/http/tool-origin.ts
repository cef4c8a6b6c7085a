/**
 * Where each tool lives. An operator can replace a tool's documented origin (scheme, host and port)
 * with `TOOL_ORIGIN_<TOOL>` so tests, staging and proxies point elsewhere; path and query stay as the
 * connector built them. For tools with a host per customer, every customer's host maps to that origin.
 */
export type ToolOrigins = Readonly<Record<string, string>>;

/** `url` with its scheme, host and port replaced by the tool's configured origin, when one is set. */
export function toolUrl(tool: string, url: string, origins: ToolOrigins): string {
  const origin = origins[tool];
  if (!origin) return url;
  const parsed = new URL(url);
  const target = new URL(origin);
  parsed.protocol = target.protocol;
  parsed.host = target.host;
  return parsed.toString();
}

/** One DNS label: what a customer-entered subdomain or company domain part must be before it enters a URL. */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Whether `value` is a single DNS label (lower-case letters, digits, inner hyphens; at most 63 characters). */
export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

/**
 * The subdomain a customer meant: accepts `acme`, `acme.bamboohr.com` or a pasted `https://acme.bamboohr.com/...`
 * (lower-cased); null unless the result is one DNS label.
 */
export function customerSubdomain(input: string, domainSuffix: string): string | null {
  let value = input.trim().toLowerCase();
  value = value.replace(/^https?:\/\//, '').replace(/[/?#].*$/, '');
  if (value.endsWith(domainSuffix)) value = value.slice(0, -domainSuffix.length);
  return isDnsLabel(value) ? value : null;
}
