/** Query parameter names (compared lower-cased, after percent-decoding) whose values are secrets. */
const SECRET_QUERY = new Set(['token', 'key', 'api_key', 'activation_token', 'secret', 'code', 'state']);
/** Path segments (lower-cased, decoded) followed by a token: `/connect/integration-by-token/<token>`, `/flow/v1/links/<token>/...`. */
const SECRET_PATH = new Set(['integration-by-token', 'links', 't']);
const REDACTED = '[REDACTED]';

/** Percent-decoding that never throws: a malformed escape leaves the text as it is. */
function decode(text: string): string {
  // Most segments and names carry no escape: nothing to decode (the common request pays no regex or try).
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A URL with token-bearing path segments and query values replaced, safe to log. Names are compared
 * case-insensitively on their percent-decoded form, so `/INTEGRATION-BY-TOKEN/<t>` and `?%74oken=<t>` are caught.
 */
export function scrubUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return scrubPath(url);
  const path = scrubPath(url.slice(0, queryAt));
  const pairs = url
    .slice(queryAt + 1)
    .split(/([&;])/)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      return SECRET_QUERY.has(decode(name).trim().toLowerCase()) ? `${name}=${REDACTED}` : part;
    });
  return `${path}?${pairs.join('')}`;
}

/** A URL's path (no query string) with the segments that follow a token-bearing one replaced (see scrubUrl). */
export function scrubPath(path: string): string {
  const segments = path.split('/');
  let scrubbed = false;
  for (let i = 1; i < segments.length; i++) {
    if (segments[i] !== '' && SECRET_PATH.has(decode(segments[i - 1]!).toLowerCase())) {
      segments[i] = REDACTED;
      scrubbed = true;
    }
  }
  // Unchanged, the path is returned as it came rather than joined again.
  return scrubbed ? segments.join('/') : path;
}
