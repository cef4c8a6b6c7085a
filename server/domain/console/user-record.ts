import type { Selectable } from 'kysely';
import type { ConsoleRole, ConsoleUserStatus, ConsoleUsersTable } from '../../store/schema.ts';
import type { Actor } from '../deps.ts';

/** A console user as the domain sees it: never the password hash. */
export interface ConsoleUser {
  id: string;
  tenantId: string;
  /** Null only for the first-start admin who has not accepted yet. */
  email: string | null;
  role: ConsoleRole;
  status: ConsoleUserStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const toConsoleUser = (r: Selectable<ConsoleUsersTable>): ConsoleUser => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  role: r.role,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A console user acting: audit rows and key operations name them. */
export const userActor = (user: { id: string }): Actor => ({ actor: `user:${user.id}`, source: 'console' });

/** Emails compare case-insensitively; stored lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
