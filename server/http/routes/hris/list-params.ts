import { z } from 'zod';
import { type AttrFilter, type ListQuery, decodeCursor } from '../../../domain/hris/list-query.ts';
import type { ModelKey } from '../../../domain/hris/models.ts';
import { inputInvalid } from '../../../domain/errors.ts';
import { findUnstorableText } from '../../middleware/input-guard.ts';
import { parseInput } from '../../parsers/zod-input.ts';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?Z?$/;

/** A spec date-time query value (date-only or date-time, optional ms and Z; read as UTC). */
const dateTime = z
  .string()
  .regex(DATE_TIME, 'must be a date or date-time like 2024-01-02T03:04:05.000Z')
  .transform((v, ctx) => {
    const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v.endsWith('Z') ? v : `${v}Z`);
    // Year 0000 parses in JavaScript but not in PostgreSQL (there is no year 0 there).
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1) {
      ctx.addIssue({ code: 'custom', message: 'must be a valid date-time between 0001-01-01 and 9999-12-31' });
      return z.NEVER;
    }
    return d;
  });

const commaList = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const enumList = <T extends string>(values: readonly T[], allowNull = false) =>
  commaList.superRefine((items, ctx) => {
    for (const item of items) {
      if (!(values as readonly string[]).includes(item) && !(allowNull && item === 'null')) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${[...values, ...(allowNull ? ['null'] : [])].join(', ')} (got '${item}')` });
      }
    }
  });

const boolString = z.enum(['true', 'false']).optional();

/** The parameters every list endpoint takes. */
const standard = {
  cursor: z.string().min(1).optional(),
  page_size: z
    .string()
    .regex(/^-?\d+$/, 'must be an integer between 1 and 250')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be an integer between 1 and 250').max(250, 'must be an integer between 1 and 250'))
    .optional(),
  updated_after: dateTime.optional(),
  include_deleted: boolString,
  ignore_unsupported_filters: boolString,
  ids: commaList.optional(),
  remote_ids: commaList.optional(),
};

type Extra = z.ZodRawShape;

/** An HRIS list endpoint: the model it reads, its own parameters and how they become filters. */
export interface ListEndpoint<E extends Extra = Extra> {
  path: string;
  model: ModelKey;
  extra: E;
  filters(params: z.output<z.ZodObject<E>>): AttrFilter[];
}

const endpoint = <E extends Extra>(e: ListEndpoint<E>): ListEndpoint => e as unknown as ListEndpoint;
const nonEmpty = <T>(v: T[] | undefined): v is T[] => v !== undefined && v.length > 0;
const inList = (attr: string, values: (string | null)[] | undefined): AttrFilter[] => (nonEmpty(values) ? [{ kind: 'in', attr, values }] : []);
const nameContains = { name_contains: z.string().optional() };
const byName = (p: { name_contains?: string }): AttrFilter[] => (p.name_contains ? [{ kind: 'contains', attr: 'name', value: p.name_contains }] : []);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

const STATUSES = ['ACTIVE', 'PENDING', 'INACTIVE', 'LEAVE'] as const;

const customFieldFilter = z.string().transform((v, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    parsed = undefined;
  }
  const entries = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const value = entries[0]?.[1];
  // JSON escapes (\u0000, a lone \ud800) decode to text the store cannot compare against.
  if (findUnstorableText(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
    return z.NEVER;
  }
  if (entries.length !== 1 || (value !== null && !['string', 'number', 'boolean'].includes(typeof value))) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object with exactly one key and a string, number, boolean or null value, e.g. {"tshirt_size":"XL"}' });
    return z.NEVER;
  }
  return { key: entries[0]![0], value: value as string | number | boolean | null };
});

/** Every HRIS list endpoint of the spec (`teams` is the deprecated alias of `groups`). */
export const LIST_ENDPOINTS: ListEndpoint[] = [
  endpoint({
    path: 'employees',
    model: 'employees',
    extra: {
      employment_status: z.enum(STATUSES).optional(),
      employment_statuses: enumList(STATUSES).optional(),
      group_ids: commaList.optional(),
      legal_entity_ids: commaList.optional(),
      work_location_ids: commaList.optional(),
      work_emails: commaList.optional(),
      personal_emails: commaList.optional(),
      custom_fields: customFieldFilter.optional(),
    },
    filters: (p): AttrFilter[] => [
      ...inList('employment_status', p.employment_statuses),
      ...inList('employment_status', p.employment_status ? [p.employment_status] : undefined),
      ...(nonEmpty(p.group_ids) ? [{ kind: 'overlaps', attr: 'group_ids', values: p.group_ids } as const] : []),
      ...inList('legal_entity_id', p.legal_entity_ids),
      ...inList('work_location_id', p.work_location_ids),
      ...inList('work_email', p.work_emails?.map((e) => e.toLowerCase())),
      ...inList('personal_email', p.personal_emails?.map((e) => e.toLowerCase())),
      ...(p.custom_fields ? [{ kind: 'json_equals', attr: 'custom_fields', key: p.custom_fields.key, value: p.custom_fields.value } as const] : []),
    ],
  }),
  endpoint({ path: 'employments', model: 'employments', extra: {}, filters: () => [] }),
  endpoint({
    path: 'groups',
    model: 'groups',
    extra: { types: enumList(['DEPARTMENT', 'TEAM', 'COST_CENTER'], true).optional(), ...nameContains },
    filters: (p) => [...inList('type', p.types?.map((t) => (t === 'null' ? null : t))), ...byName(p)],
  }),
  endpoint({ path: 'teams', model: 'groups', extra: {}, filters: () => [] }),
  endpoint({ path: 'locations', model: 'locations', extra: nameContains, filters: byName }),
  endpoint({ path: 'legal-entities', model: 'legal_entities', extra: nameContains, filters: byName }),
  endpoint({ path: 'absence-types', model: 'absence_types', extra: {}, filters: () => [] }),
  endpoint({
    path: 'time-off-balances',
    model: 'time_off_balances',
    extra: { employee_id: z.string().min(1).optional() },
    filters: (p) => inList('employee_id', p.employee_id ? [p.employee_id] : undefined),
  }),
  endpoint({
    path: 'absences',
    model: 'absences',
    extra: {
      date_from: dateTime.optional(),
      date_until: dateTime.optional(),
      type_ids: commaList.optional(),
      employee_id: z.string().min(1).optional(),
      time_from: dateTime.optional(),
      time_until: dateTime.optional(),
    },
    filters: (p) => [
      ...inList('employee_id', p.employee_id ? [p.employee_id] : undefined),
      ...inList('type_id', p.type_ids),
      // Absences still running on/after the day: they end on/after it (those that start after it end after it too).
      ...[p.date_from, p.time_from].flatMap((d): AttrFilter[] => (d ? [{ kind: 'compare', attr: 'end_date', op: '>=', value: dateOf(d) }] : [])),
      ...[p.date_until, p.time_until].flatMap((d): AttrFilter[] => (d ? [{ kind: 'compare', attr: 'start_date', op: '<=', value: dateOf(d) }] : [])),
    ],
  }),
  endpoint({
    path: 'timesheets',
    model: 'timesheets',
    extra: {
      employee_id: z.string().min(1).optional(),
      started_before: dateTime.optional(),
      started_after: dateTime.optional(),
      ended_before: dateTime.optional(),
      ended_after: dateTime.optional(),
    },
    filters: (p): AttrFilter[] => [
      ...inList('employee_id', p.employee_id ? [p.employee_id] : undefined),
      ...(p.started_before ? [{ kind: 'compare', attr: 'started_at', op: '<', value: p.started_before.toISOString() } as const] : []),
      ...(p.started_after ? [{ kind: 'compare', attr: 'started_at', op: '>=', value: p.started_after.toISOString() } as const] : []),
      ...(p.ended_before ? [{ kind: 'compare', attr: 'ended_at', op: '<=', value: p.ended_before.toISOString() } as const] : []),
      ...(p.ended_after ? [{ kind: 'compare', attr: 'ended_at', op: '>=', value: p.ended_after.toISOString() } as const] : []),
    ],
  }),
  endpoint({ path: 'performance-review-cycles', model: 'performance_review_cycles', extra: {}, filters: () => [] }),
  endpoint({
    path: 'performance-reviews',
    model: 'performance_reviews',
    extra: { types: enumList(['MANAGER', 'DIRECT_REPORT', 'PEER', 'SELF']).optional(), review_cycle_ids: commaList.optional(), reviewee_ids: commaList.optional() },
    filters: (p) => [...inList('type', p.types), ...inList('review_cycle_id', p.review_cycle_ids), ...inList('reviewee_id', p.reviewee_ids)],
  }),
  endpoint({ path: 'skills', model: 'skills', extra: nameContains, filters: byName }),
  endpoint({
    path: 'employee-skill-assignments',
    model: 'employee_skill_assignments',
    extra: { employee_ids: commaList.optional(), skill_ids: commaList.optional() },
    filters: (p) => [...inList('employee_id', p.employee_ids), ...inList('skill_id', p.skill_ids)],
  }),
  endpoint({
    path: 'staffing-entities',
    model: 'staffing_entities',
    extra: {
      model_types: enumList(['JOB', 'POSITION', 'REQUISITION']).optional(),
      statuses: enumList(['OPEN_LIMITED', 'OPEN_UNLIMITED', 'PENDING', 'FROZEN', 'FILLED', 'CLOSED']).optional(),
    },
    filters: (p) => [...inList('model_type', p.model_types), ...inList('status', p.statuses)],
  }),
  endpoint({ path: 'employee-document-categories', model: 'employee_document_categories', extra: {}, filters: () => [] }),
];

const schemas = new Map(LIST_ENDPOINTS.map((e) => [e.path, z.object({ ...standard, ...e.extra })]));

/**
 * Parses an endpoint's query string into a ListQuery; every invalid value is PLATFORM.INPUT_INVALID
 * naming the parameter. Unknown parameters are ignored, as Kombo does.
 */
export function parseListQuery(endpointDef: ListEndpoint, query: unknown): ListQuery {
  const params = parseInput(schemas.get(endpointDef.path)!, query ?? {}, 'query parameters') as z.output<z.ZodObject<typeof standard>> & Record<string, unknown>;
  if (params.cursor !== undefined && params.cursor.trim() === '') throw inputInvalid("Invalid query parameter 'cursor': must not be empty.");
  return {
    model: endpointDef.model,
    pageSize: params.page_size ?? 100,
    after: params.cursor ? decodeCursor(endpointDef.model, params.cursor) : 0,
    updatedAfter: params.updated_after ?? null,
    includeDeleted: params.include_deleted === 'true',
    ids: nonEmpty(params.ids) ? params.ids : null,
    remoteIds: nonEmpty(params.remote_ids) ? params.remote_ids : null,
    filters: endpointDef.filters(params),
  };
}
