import { RemoteError } from '../connectors/remote-error.ts';
import type { DomainDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { recordIntegrationStateChanged } from './webhooks/record-event.ts';

/** Why an integration's credentials stopped working. */
export type InvalidReason = 'credentials_rejected' | 'credentials_unreadable';

/** Where health changes are reported: the reason only, never credentials or crypto details. */
export interface HealthLogger {
  info(obj: object, msg?: string): void;
}

/**
 * An integration whose stored credentials cannot be decrypted (for example a ciphertext copied from
 * another integration). Answered as the documented PLATFORM.INPUT_INVALID with status 403, the way the
 * general endpoints answer an integration that cannot be used; the message names no crypto internals.
 */
export class CredentialsUnreadableError extends AppError {
  constructor(integrationId: string) {
    super(
      'PLATFORM.INPUT_INVALID',
      `The stored credentials of integration '${integrationId}' can no longer be used. Reconnect it with a relink link.`,
      {},
      403,
    );
  }
}

/**
 * Marks an ACTIVE integration INVALID (Kombo's status for credentials the tool no longer accepts);
 * a relink with working credentials makes it ACTIVE again. INACTIVE integrations keep their state.
 * The change and its `integration-state-changed` event commit together: in `deps.db` when that is a
 * transaction (e.g. a sync's failure record), else in one of their own. Returns whether the status changed.
 */
export async function markIntegrationInvalid(
  deps: Pick<DomainDeps, 'db' | 'clock' | 'jobs'> & { logger?: HealthLogger },
  integrationId: string,
  reason: InvalidReason,
): Promise<boolean> {
  const mark = async (trx: DomainDeps['db']) => {
    const now = deps.clock();
    const result = await trx
      .updateTable('integrations')
      .set({ status: 'INVALID', updated_at: now })
      .where('id', '=', integrationId)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    const changed = Number(result.numUpdatedRows) > 0;
    if (changed) await recordIntegrationStateChanged(trx, integrationId, now, deps.jobs);
    return changed;
  };
  const changed = deps.db.isTransaction ? await mark(deps.db) : await deps.db.transaction().execute(mark);
  if (changed) deps.logger?.info({ integrationId, reason }, 'integration marked INVALID');
  return changed;
}

/** The credential problem a failure reveals, if any: rejected by the tool, or unreadable here. */
export function credentialFailureOf(err: unknown): InvalidReason | null {
  if (err instanceof CredentialsUnreadableError) return 'credentials_unreadable';
  if (err instanceof RemoteError && err.kind === 'credentials_rejected') return 'credentials_rejected';
  return null;
}

/**
 * Called from a sync's failure path (pass its transaction as `deps.db`): credentials the tool rejected
 * or that cannot be read make the integration INVALID.
 */
export async function noteSyncFailure(deps: Pick<DomainDeps, 'db' | 'clock' | 'jobs'> & { logger?: HealthLogger }, integrationId: string, err: unknown): Promise<void> {
  const reason = credentialFailureOf(err);
  if (reason) await markIntegrationInvalid(deps, integrationId, reason);
}
