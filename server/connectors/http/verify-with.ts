import { type ServerTextKey, translate } from '../../i18n/translate.ts';
import type { FlowLanguage, VerifyResult } from '../types.ts';
import { RemoteError } from '../remote-error.ts';

/** Which field a rejection is about, and what to tell the end user there. */
export interface Rejection {
  field: string;
  /** The field's message, as a key of the server catalogues. */
  message: ServerTextKey;
}

/**
 * Runs a tool's credential probe and turns its failures into the flow's results: `rejected(error)` names
 * the field to blame (or null when the failure is not about the credentials), everything else that
 * fails is the tool being unavailable, so the customer's input is kept for a retry.
 */
export async function verifyWith(
  tool: string,
  language: FlowLanguage,
  probe: () => Promise<unknown>,
  rejected: (error: RemoteError) => Rejection | null,
): Promise<VerifyResult> {
  try {
    await probe();
    return { status: 'ok' };
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    const rejection = rejected(err);
    if (rejection) return { status: 'invalid_credentials', message: translate(language, 'verify.invalid'), fieldErrors: { [rejection.field]: translate(language, rejection.message) } };
    return { status: 'remote_unavailable', message: translate(language, 'verify.unavailable', { tool }) };
  }
}
