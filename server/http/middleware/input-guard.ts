import type { RequestHandler } from 'express';
import { inputInvalid } from '../../domain/errors.ts';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the store cannot hold: NUL characters (PostgreSQL text rejects them) and lone UTF-16 surrogates
 * (no UTF-8 encoding exists; PostgreSQL's jsonb rejects their escapes).
 */
export function isUnstorableText(value: string): boolean {
  return value.includes('\0') || LONE_SURROGATE.test(value);
}

/** Where in a parsed JSON value the first unstorable string (value or key) sits, e.g. `credentials.name`; null if none. */
export function findUnstorableText(value: unknown, maxNodes = 100_000): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let seen = 0; stack.length > 0 && seen < maxNodes; seen++) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (isUnstorableText(v)) return path || '(the value)';
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (isUnstorableText(key)) return path || '(a key)';
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}

const UNSTORABLE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Rejects, before any route runs, a path with a malformed percent-encoding and path segments or query
 * values that decode to text the store cannot hold: 400 PLATFORM.INPUT_INVALID instead of a database error.
 * A URL without `%` passes at once: NUL and lone surrogates can only arrive percent-encoded (the HTTP
 * parser refuses a raw NUL, and raw bytes never decode to a surrogate).
 */
export const rejectUnstorableUrl: RequestHandler = (req, _res, next) => {
  if (!req.url.includes('%')) {
    next();
    return;
  }
  for (const segment of req.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      next(inputInvalid('The request path contains a malformed percent-encoding.'));
      return;
    }
    if (isUnstorableText(decoded)) {
      next(inputInvalid(`The request path ${UNSTORABLE}.`));
      return;
    }
  }
  const where = findUnstorableText(req.query);
  if (where) {
    next(inputInvalid(`Invalid query parameter '${where.split('.')[0]}': ${UNSTORABLE}.`));
    return;
  }
  next();
};

/** After the JSON parser: a body string (or key) the store cannot hold is 400, naming where it is. */
export const rejectUnstorableBody: RequestHandler = (req, _res, next) => {
  const where = req.body === undefined ? null : findUnstorableText(req.body);
  next(where ? inputInvalid(`Invalid request body: ${where} ${UNSTORABLE}.`) : undefined);
};
