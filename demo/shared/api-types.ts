/**
 * The demo backend's own JSON API, as its page uses it. These are the vendor's types, not Plugboard's:
 * the backend maps what it reads from the Plugboard API into exactly what its UI shows.
 */

/** The fictional customer organization whose admin uses the demo. */
export interface CustomerView {
  organizationName: string;
  adminName: string;
  adminEmail: string;
}

/** The connected HR system as the page shows it. */
export interface IntegrationView {
  id: string;
  tool: { id: string; label: string; iconUrl: string };
  organizationName: string;
  /** Kombo's integration status: ACTIVE, INVALID (needs reconnecting) or INACTIVE (disabled or stale). */
  status: 'ACTIVE' | 'INVALID' | 'INACTIVE';
  setupStatus: 'INCOMPLETE' | 'FINAL_SYNC_PENDING' | 'COMPLETED';
  createdAt: string;
  /** Labels of the data models this integration can read, e.g. "Employees". */
  readModels: string[];
}

/**
 * The last sync the demo asked Plugboard for (`POST /v1/force-sync`), with its state as Plugboard's
 * `GET /v1/force-sync/{sync_id}` extension last reported it.
 */
export interface SyncView {
  syncId: string;
  /** A sync was already queued or running, so Plugboard kept that one instead of adding another. */
  alreadyQueued: boolean;
  requestedAt: string;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  finishedAt: string | null;
  durationMs: number | null;
  /** Why the sync failed (Plugboard's message), for FAILED. */
  error: string | null;
}

export interface SessionView {
  customer: CustomerView;
  /** The Plugboard origin the page loads `connect.js` from. */
  plugboardUrl: string;
  integration: IntegrationView | null;
  sync: SyncView | null;
}

/** One row of the people table. */
export interface EmployeeView {
  id: string;
  name: string;
  email: string | null;
  jobTitle: string | null;
  /** Team and department names. */
  groups: string[];
  employmentStatus: string | null;
  employmentType: string | null;
  weeklyHours: number | null;
  startDate: string | null;
  terminationDate: string | null;
  location: string | null;
  legalEntity: string | null;
  manager: string | null;
  /** The latest employment's pay, e.g. { amount: 72000, currency: 'EUR', period: 'YEAR' }. */
  pay: { amount: number; currency: string | null; period: string | null } | null;
}

/**
 * A page of employees. `mode` says how the search ran: `list` (plain API pages), `email` (the API's
 * `work_emails` filter) or `scan` (names matched by the demo within the employees it read).
 */
export interface EmployeesPage {
  employees: EmployeeView[];
  next: string | null;
  mode: 'list' | 'email' | 'scan';
  pageSize: number;
  /** For `scan`: how many matched in total and how many employees were searched. */
  matched?: number;
  searched?: number;
  /** For `list`: how many employees there are in all. */
  total?: number;
}

/** Every error the demo backend answers with. */
export interface ErrorView {
  error: { code: string; message: string };
}

/** The languages of Plugboard's connection flow (Kombo's five, and Plugboard's Dutch, Portuguese and Polish). */
export const FLOW_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pt', 'pl'] as const;
export type FlowLanguage = (typeof FLOW_LANGUAGES)[number];
