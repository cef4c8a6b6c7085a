import { type PagedSource, UnknownPassthroughApiError } from '../data-source.ts';
import { runtimeOf } from '../http/runtime.ts';
import { deltaSince } from '../http/delta-since.ts';
import { changesReader, readPages, reader } from '../http/read-pages.ts';
import { forwardPassthrough } from '../http/forward-passthrough.ts';
import { bambooClient } from './client.ts';
import {
  readAbsences,
  readAbsenceTypes,
  readEmployeeChanges,
  readEmployeeIds,
  readEmployees,
  readEmployments,
  readGroups,
  readListOptions,
  readLocations,
  readTimeOffBalances,
} from './read.ts';
import { indexOptions } from './to-unified.ts';

/** Passthrough APIs: `api` is everything under `https://{co}.bamboohr.com/api/` (v1, v1_1, v2 ...). */
const APIS = ['api'] as const;

/** The models BambooHR fills (no legal entities, as in Kombo's coverage). */
export const BAMBOOHR_MODELS = [
  'hris_employees', 'hris_employments', 'hris_teams', 'hris_locations', 'hris_absence_types', 'hris_absences', 'hris_time_off_balances',
] as const;

/**
 * BambooHR's data source. A FULL read reads every model. A DELTA read after a successful sync reads
 * employees from the change feed `/employees/changed` (it names inserts, updates and deletions [spec]);
 * every other model is read in full: the compensation table's change feed returns rows of changed
 * employees only, so rows of deleted employees could not be named; time off has no change feed [spec];
 * lists and types are one small request each; and balances move with accruals and time taken, not
 * with employee changes.
 */
export const bamboohrDataSource: PagedSource = {
  readModels: BAMBOOHR_MODELS,
  async *read(ctx) {
    const client = bambooClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials);
    const since = deltaSince(ctx);
    const employeeIds: string[] = [];
    yield* readPages('bamboohr', ctx, (rc) => [
      reader('groups', 'hris_teams', () => readGroups(client, rc)),
      reader('locations', 'hris_locations', () => readLocations(client, rc)),
      since
        ? changesReader('employees', 'hris_employees', async () => {
            const index = indexOptions(await readListOptions(client, 'hris_employees'));
            return readEmployeeChanges(client, rc, since, index);
          })
        : reader('employees', 'hris_employees', async function* () {
            const index = indexOptions(await readListOptions(client, 'hris_employees'));
            for await (const page of readEmployees(client, rc, index)) {
              employeeIds.push(...page.map((e) => e.remoteId));
              yield page;
            }
          }),
      reader('employments', 'hris_employments', () => readEmployments(client, rc)),
      reader('absenceTypes', 'hris_absence_types', () => readAbsenceTypes(client, rc)),
      reader('absences', 'hris_absences', () => readAbsences(client, rc)),
      reader('timeOffBalances', 'hris_time_off_balances', async function* () {
        yield* readTimeOffBalances(client, rc, since ? await readEmployeeIds(client) : employeeIds);
      }),
    ]);
  },
  async passthrough(ctx, request) {
    if (!(APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, APIS);
    const client = bambooClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials);
    return forwardPassthrough(client.http, `${client.base}/api`, request);
  },
};
