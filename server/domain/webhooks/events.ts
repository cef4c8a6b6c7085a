import type { IntegrationRecord } from '../integrations.ts';

/** The event types Plugboard sends (the spec's `webhooks` names). */
export const WEBHOOK_EVENT_TYPES = [
  'integration-created',
  'integration-deleted',
  'integration-state-changed',
  'sync-finished',
  'data-changed',
  'connection-flow-failed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

type Category = IntegrationRecord['category'];

/** The spec's `end_user` object: every key present. */
export interface WireEndUser {
  organization_name: string;
  creator_email: string | null;
  origin_id: string | null;
}

/** An event before it gets its ID: what the outbox stores and the receiver gets as `{id, type, data}`. */
export interface WebhookEvent {
  environmentId: string;
  type: WebhookEventType;
  /** Deliveries of one integration's events to one endpoint keep this order; null for events of no integration. */
  integrationId: string | null;
  data: Record<string, unknown>;
}

/** Where an event's details can be looked at; a URN until the console has pages for them. */
export const logUrl = (kind: 'sync' | 'flow', id: string): string => `urn:plugboard:${kind}:${id}`;

const endUserOf = (r: Pick<IntegrationRecord, 'endUser'>): WireEndUser => ({
  organization_name: r.endUser.organizationName,
  creator_email: r.endUser.email,
  origin_id: r.endUser.originId,
});

/** `integration-created`: a connection flow completed with a new integration. */
export function integrationCreated(r: IntegrationRecord): WebhookEvent {
  return {
    environmentId: r.environmentId,
    type: 'integration-created',
    integrationId: r.id,
    data: { id: r.id, tool: r.tool, category: r.category, end_user: endUserOf(r) },
  };
}

/** `integration-deleted`, from the record as it was before deletion. */
export function integrationDeleted(r: IntegrationRecord, deletedAt: Date): WebhookEvent {
  return {
    environmentId: r.environmentId,
    type: 'integration-deleted',
    integrationId: r.id,
    data: { id: r.id, tool: r.tool, category: r.category, end_user: endUserOf(r), deleted_at: deletedAt.toISOString() },
  };
}

/** `integration-state-changed`, from the record as it is after the change. */
export function integrationStateChanged(r: IntegrationRecord): WebhookEvent {
  return {
    environmentId: r.environmentId,
    type: 'integration-state-changed',
    integrationId: r.id,
    data: {
      integration_tool: r.tool,
      integration_id: r.id,
      integration_category: r.category,
      end_user: endUserOf(r),
      // Plugboard has no QA review of integrations: every integration counts as passed.
      qa_status: 'PASSED',
      setup_status: r.setupStatus,
      state: r.status,
      updated_at: r.updatedAt.toISOString(),
    },
  };
}

/** A finished sync run, as `sync-finished` reports it. */
export interface FinishedSync {
  id: string;
  status: 'SUCCEEDED' | 'FAILED';
  startedAt: Date;
  finishedAt: Date;
}

/** `sync-finished` (deprecated in the spec, still sent). */
export function syncFinished(r: IntegrationRecord, run: FinishedSync): WebhookEvent {
  return {
    environmentId: r.environmentId,
    type: 'sync-finished',
    integrationId: r.id,
    data: {
      sync_id: run.id,
      sync_state: run.status,
      sync_started_at: run.startedAt.toISOString(),
      sync_ended_at: run.finishedAt.toISOString(),
      sync_duration_seconds: Math.max(0, Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)),
      integration_id: r.id,
      integration_tool: r.tool,
      integration_category: r.category,
      end_user: endUserOf(r),
      log_url: logUrl('sync', run.id),
    },
  };
}

/** Our model keys (domain/hris/models.ts) under the spec's `changed_models` names; models it has no name for are left out. */
const CHANGED_MODEL_NAMES: Record<string, string> = {
  legal_entities: 'hris_legal_entities',
  locations: 'hris_locations',
  groups: 'hris_teams',
  absence_types: 'hris_absence_types',
  performance_review_cycles: 'hris_performance_review_cycles',
  employee_document_categories: 'hris_employee_document_categories',
  employees: 'hris_employees',
  employments: 'hris_employments',
  time_off_balances: 'hris_time_off_balances',
  absences: 'hris_absences',
  timesheets: 'hris_timesheets',
  performance_reviews: 'hris_performance_reviews',
  staffing_entities: 'hris_staffing_entities',
};

/** Per model, what a sync did (the sync's counts). */
export type ChangeCounts = Record<string, { created: number; updated: number; deleted: number }>;

/** `data-changed` naming every model with a created, updated or deleted record; null when nothing changed. */
export function dataChanged(r: IntegrationRecord, counts: ChangeCounts): WebhookEvent | null {
  const names = Object.entries(counts)
    .filter(([model, c]) => CHANGED_MODEL_NAMES[model] && c.created + c.updated + c.deleted > 0)
    .map(([model]) => CHANGED_MODEL_NAMES[model]!)
    .sort();
  if (names.length === 0) return null;
  return {
    environmentId: r.environmentId,
    type: 'data-changed',
    integrationId: r.id,
    data: { integration_id: r.id, integration_tool: r.tool, integration_category: r.category, changed_models: names.map((name) => ({ name })) },
  };
}

/** What a failed connection attempt knew: the link's environment, tool, category and end user. */
export interface FailedFlow {
  environmentId: string;
  linkId: string;
  tool: string;
  category: Category;
  endUser: IntegrationRecord['endUser'];
}

/** `connection-flow-failed`: the tool refused the credentials or could not be reached. */
export function connectionFlowFailed(f: FailedFlow): WebhookEvent {
  return {
    environmentId: f.environmentId,
    type: 'connection-flow-failed',
    integrationId: null,
    data: { integration_tool: f.tool, integration_category: f.category, end_user: endUserOf(f), log_url: logUrl('flow', f.linkId) },
  };
}
