/** Query parameter names (compared lower-cased, after percent-decoding) whose values are secrets. */
const SECRET_QUERY = new Set(['token', 'key', 'api_key', 'activation_token', 'secret', 'code', 'state']);
/** Path segments (lower-cased, decoded) followed by a token: `/connect/integration-by-token/<token>`, `/flow/v1/links/<token>/...`. */
const SECRET_PATH = new Set(['integration-by-token', 'links', 't']);
const REDACTED = '[REDACTED]';

/** Percent-decoding that never throws: a malformed escape leaves the text as it is. */
function decode(text: string): string {
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
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (SECRET_PATH.has(decode(segments[i - 1]!).toLowerCase()) && segments[i] !== '') segments[i] = REDACTED;
  }
  if (queryAt === -1) return segments.join('/');
  const pairs = url
    .slice(queryAt + 1)
    .split(/([&;])/)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      return SECRET_QUERY.has(decode(name).trim().toLowerCase()) ? `${name}=${REDACTED}` : part;
    });
  return `${segments.join('/')}?${pairs.join('')}`;
}
