import { type PagedSource, UnknownPassthroughApiError } from '../data-source.ts';
import { runtimeOf } from '../http/runtime.ts';
import { BadRecordError } from '../http/records.ts';
import { readPages, reader } from '../http/read-pages.ts';
import { forwardPassthrough } from '../http/forward-passthrough.ts';
import { mapEach } from '../http/records.ts';
import { PERSONIO_ORIGIN, personioClient } from './client.ts';
import { readAbsencePeriods, readAbsences, readAbsenceTypes, readRawEmployees, readTimeOffBalances } from './read.ts';
import { groupsOf, officeOf, subcompanyOf, toEmployee, toEmployment } from './to-unified.ts';

const APIS = ['v1', 'v2'] as const;

export const PERSONIO_MODELS = [
  'hris_employees', 'hris_employments', 'hris_teams', 'hris_locations', 'hris_legal_entities', 'hris_absence_types', 'hris_absences',
  'hris_time_off_balances',
] as const;

/** Keeps the first record of each remote ID (the same office or team appears on many employees). */
function unique<T extends { remoteId: string }>(items: (T | null)[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (item && !seen.has(item.remoteId)) seen.set(item.remoteId, item);
  return [...seen.values()];
}

/**
 * Personio's data source. Groups, offices and subcompanies come from the employees' relation attributes
 * (v1 has no lists of them), so employees are read once and the rest derived from them.
 *
 * Every read is a full read, DELTA ones too: `updated_since` on employees reports no deletions (notes §5)
 * and forum reports say it is ignored or incomplete on some accounts [3p]; time-offs and absence periods
 * have `updated_from` filters, but deleted ones are not listed [inf, notes §2.6], so no feed names every
 * change of a model.
 */
export const personioDataSource: PagedSource = {
  readModels: PERSONIO_MODELS,
  async *read(ctx) {
    const http = personioClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials);
    const raw: unknown[] = [];
    const employeeIds: string[] = [];
    yield* readPages('personio', ctx, (rc) => {
      const valid = () => raw.filter(hasId);
      return [
        reader('employees', 'hris_employees', async function* () {
          for await (const page of readRawEmployees(http)) {
            raw.push(...page);
            const mapped = mapEach('hris_employees', page, toEmployee, rc.onBadRecord);
            employeeIds.push(...mapped.map((e) => e.remoteId));
            yield mapped;
          }
        }),
        reader('employments', 'hris_employments', async function* () {
          yield valid().map(toEmployment);
        }),
        reader('groups', 'hris_teams', async function* () {
          yield unique(valid().flatMap(groupsOf));
        }),
        reader('locations', 'hris_locations', async function* () {
          yield unique(valid().map(officeOf));
        }),
        reader('legalEntities', 'hris_legal_entities', async function* () {
          yield unique(valid().map(subcompanyOf));
        }),
        reader('absenceTypes', 'hris_absence_types', () => readAbsenceTypes(http, rc)),
        reader('absences', 'hris_absences', async function* () {
          yield* readAbsences(http, rc);
          yield* readAbsencePeriods(http, rc);
        }),
        reader('timeOffBalances', 'hris_time_off_balances', () => readTimeOffBalances(http, rc, employeeIds)),
      ];
    });
  },
  async passthrough(ctx, request) {
    if (!(APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, APIS);
    return forwardPassthrough(personioClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials), `${PERSONIO_ORIGIN}/${request.api}`, request);
  },
};

/** Whether a raw employee maps (records that failed as employees are not derived from either). */
function hasId(raw: unknown): boolean {
  try {
    toEmployee(raw);
    return true;
  } catch (err) {
    if (err instanceof BadRecordError) return false;
    throw err;
  }
}
