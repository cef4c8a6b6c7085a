import { type PagedSource, UnknownPassthroughApiError } from '../data-source.ts';
import { runtimeOf } from '../http/runtime.ts';
import { deltaSince } from '../http/delta-since.ts';
import { changesReader, readPages, reader } from '../http/read-pages.ts';
import { forwardPassthrough } from '../http/forward-passthrough.ts';
import { HIBOB_API, hibobClient } from './client.ts';
import { CHANGE_FEED_REACH_MS, readAbsenceChanges, readAbsences, readAbsenceTypes, readEmployees, readEmployments, readGroups, readLocations, readTimeOffBalances } from './read.ts';

const APIS = ['v1'] as const;

/** The models HiBob fills (no legal entities, as in Kombo's coverage). */
export const HIBOB_MODELS = [
  'hris_employees', 'hris_employments', 'hris_teams', 'hris_locations', 'hris_absence_types', 'hris_absences', 'hris_time_off_balances',
] as const;

/**
 * HiBob's data source. A DELTA read after a successful sync within the time-off feed's reach reads
 * absences as the changes since then (the feed names created and deleted requests [docs]); every other
 * model is read in full: employees, tables, lists and policy types have no change filter [docs], and
 * balances move with accruals.
 */
export const hibobDataSource: PagedSource = {
  readModels: HIBOB_MODELS,
  async *read(ctx) {
    const http = hibobClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials);
    const since = deltaSince(ctx, CHANGE_FEED_REACH_MS);
    const employeeIds: string[] = [];
    yield* readPages('hibob', ctx, (rc) => [
      reader('groups', 'hris_teams', () => readGroups(http, rc)),
      reader('locations', 'hris_locations', () => readLocations(http, rc)),
      reader('employees', 'hris_employees', async function* () {
        for await (const page of readEmployees(http, rc)) {
          employeeIds.push(...page.map((e) => e.remoteId));
          yield page;
        }
      }),
      reader('employments', 'hris_employments', () => readEmployments(http, rc)),
      reader('absenceTypes', 'hris_absence_types', () => readAbsenceTypes(http, rc)),
      since ? changesReader('absences', 'hris_absences', () => readAbsenceChanges(http, rc, since)) : reader('absences', 'hris_absences', () => readAbsences(http, rc)),
      reader('timeOffBalances', 'hris_time_off_balances', () => readTimeOffBalances(http, rc, employeeIds)),
    ]);
  },
  async passthrough(ctx, request) {
    if (!(APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, APIS);
    return forwardPassthrough(hibobClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials), HIBOB_API, request);
  },
};
