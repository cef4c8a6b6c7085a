import { ConnectionError, KomboError, KomboGeneralError, KomboHrisError, RequestTimeoutError } from '@kombo-api/sdk/models/errors';
import { PlugboardExtensionError } from './plugboard-client.ts';

/** A failure the demo backend answers with `{error: {code, message}}` and an HTTP status. */
export class DemoError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The failure behind it, for the log (never shown to the page). */
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'DemoError';
  }
}

/** Plugboard error codes the demo shows as they come, with the HTTP status it answers its page with. */
const PASSED_THROUGH: Record<string, number> = {
  'PLATFORM.INTEGRATION_NOT_FOUND': 404,
  'PLATFORM.INPUT_INVALID': 400,
  'PLATFORM.RATE_LIMIT_EXCEEDED': 429,
  'INTEGRATION.INACTIVE': 409,
  'INTEGRATION.SETUP_SYNC_PENDING': 409,
  'INTEGRATION.SETUP_INCOMPLETE': 409,
  'INTEGRATION.AUTHENTICATION_INVALID': 409,
};

/**
 * Turns what the SDK threw into a DemoError. Plugboard's messages are safe to show (they never contain
 * keys or credentials); an invalid key is the operator's problem, so the page gets a generic message.
 */
export function toDemoError(err: unknown, plugboardUrl: string): DemoError {
  if (err instanceof DemoError) return err;
  if (err instanceof ConnectionError || err instanceof RequestTimeoutError) {
    return new DemoError(502, 'PLUGBOARD_UNREACHABLE', `Plugboard is not reachable at ${plugboardUrl}. Is it running?`);
  }
  if (err instanceof PlugboardExtensionError && err.statusCode === 0) {
    return new DemoError(502, 'PLUGBOARD_UNREACHABLE', `Plugboard is not reachable at ${plugboardUrl}. Is it running?`);
  }
  if (err instanceof PlugboardExtensionError && !err.code) {
    return new DemoError(502, 'PLUGBOARD_ERROR', `Plugboard answered unexpectedly (HTTP ${err.statusCode}).`, err);
  }
  if (err instanceof KomboGeneralError || err instanceof KomboHrisError || err instanceof PlugboardExtensionError) {
    const code = (err instanceof PlugboardExtensionError ? err.code : err.error.code) ?? 'PLATFORM.UNKNOWN_ERROR';
    if (code === 'PLATFORM.AUTHENTICATION_INVALID' || code === 'PLATFORM.IP_NOT_WHITELISTED') {
      return new DemoError(502, code, 'The demo’s API key was rejected by Plugboard. Restart `npm start` to create a new one.');
    }
    return new DemoError(PASSED_THROUGH[code] ?? 502, code, err.message);
  }
  if (err instanceof KomboError) return new DemoError(502, 'PLUGBOARD_ERROR', `Plugboard answered unexpectedly (HTTP ${err.statusCode}).`, err);
  return new DemoError(500, 'DEMO.UNKNOWN_ERROR', 'Something went wrong in the demo backend. See its log for details.', err);
}
