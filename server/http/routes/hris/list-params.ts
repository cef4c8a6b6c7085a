import { z } from 'zod';
import { type AttrFilter, type ListQuery, decodeCursor } from '../../../domain/hris/list-query.ts';
import { type FilterParam, HRIS_CATALOGUE } from '../../../domain/catalogue/index.ts';
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

const nonEmpty = <T>(v: T[] | undefined): v is T[] => v !== undefined && v.length > 0;
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

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

/** The validation of one declared filter parameter. */
function paramSchema(f: FilterParam): z.ZodType {
  switch (f.kind) {
    case 'ids':
      return commaList.optional();
    case 'id':
      return z.string().min(1).optional();
    case 'enum':
      return z.enum(f.values as [string, ...string[]]).optional();
    case 'enums':
      return enumList(f.values, f.allowNull).optional();
    case 'contains':
      return z.string().optional();
    case 'custom_field':
      return customFieldFilter.optional();
    case 'date':
      return dateTime.optional();
  }
}

/** The store filter a parsed parameter value becomes (none when the value is absent or empty). */
function toFilter(f: FilterParam, value: unknown): AttrFilter[] {
  if (value === undefined || value === '') return [];
  switch (f.kind) {
    case 'ids': {
      const values = value as string[];
      if (!nonEmpty(values)) return [];
      return f.match === 'overlaps'
        ? [{ kind: 'overlaps', attr: f.attr, values }]
        : [{ kind: 'in', attr: f.attr, values: f.lowercase ? values.map((v) => v.toLowerCase()) : values }];
    }
    case 'id':
    case 'enum':
      return [{ kind: 'in', attr: f.attr, values: [value as string] }];
    case 'enums': {
      const values = value as string[];
      return nonEmpty(values) ? [{ kind: 'in', attr: f.attr, values: values.map((v) => (f.allowNull && v === 'null' ? null : v)) }] : [];
    }
    case 'contains':
      return [{ kind: 'contains', attr: f.attr, value: value as string }];
    case 'custom_field': {
      const { key, value: v } = value as { key: string; value: string | number | boolean | null };
      return [{ kind: 'json_equals', attr: f.attr, key, value: v }];
    }
    case 'date': {
      const d = value as Date;
      return [{ kind: 'compare', attr: f.attr, op: f.op, value: f.as === 'day' ? dateOf(d) : d.toISOString() }];
    }
  }
}

/** Every HRIS list endpoint of the spec, derived from the model catalogue (`teams` is the deprecated alias of `groups`). */
export const LIST_ENDPOINTS: ListEndpoint[] = HRIS_CATALOGUE.flatMap((model) =>
  model.endpoints.map((e): ListEndpoint => ({
    path: e.path,
    model: model.key,
    extra: Object.fromEntries(e.filters.map((f) => [f.param, paramSchema(f)])),
    filters: (params) => e.filters.flatMap((f) => toFilter(f, (params as Record<string, unknown>)[f.param])),
  })),
);

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
