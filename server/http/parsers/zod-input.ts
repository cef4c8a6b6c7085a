import type { z } from 'zod';
import { inputInvalid } from '../../domain/errors.ts';

const got = (input: unknown) => (input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input);

/** One readable sentence per zod issue, naming what was expected (never echoing long enums). */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`} (got ${got(issue.input)})`;
    case 'invalid_value':
      return issue.values.length <= 10
        ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(issue.input)})`
        : `must be one of the ${issue.values.length} known values (got ${JSON.stringify(issue.input)})`;
    case 'invalid_format':
      if (issue.format === 'email') return 'must be a valid email address';
      // A pattern's own message says what is expected ("must be an integer between 1 and 250"), never "a valid regex".
      if (issue.format === 'regex') return issue.message.startsWith('Invalid string') ? 'has an invalid format' : issue.message;
      return `must be a valid ${issue.format}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'must not be empty' : issue.message;
    default:
      return issue.message;
  }
}

/**
 * Parses a request value at the edge: the typed result, or PLATFORM.INPUT_INVALID naming every bad
 * field, e.g. "Invalid request body: end_user_email must be a valid email address." Unknown keys are
 * dropped by the schemas, so they can never reach the store.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const parts = result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const text = issue.code === 'custom' ? issue.message : describeIssue(issue);
    return path ? `${path} ${text}` : `the ${what} ${text}`;
  });
  throw inputInvalid(`Invalid ${what}: ${parts.join('; ')}.`);
}
