import { type PagedSource, UnknownPassthroughApiError } from '../data-source.ts';
import { readPages, reader } from '../http/read-pages.ts';
import { forwardPassthrough } from '../http/forward-passthrough.ts';
import { bambooClient } from './client.ts';
import {
  readAbsences,
  readAbsenceTypes,
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
 * BambooHR's data source: the model generators collected into one snapshot. Every read is a full read:
 * BambooHR has a change feed for employees (`readChangedEmployeeIds`) but none for time off, and today's
 * whole-snapshot interface needs every current record anyway.
 */
export const bamboohrDataSource: PagedSource = {
  readModels: BAMBOOHR_MODELS,
  async *read(ctx) {
    const client = bambooClient(ctx.integrationId, ctx.credentials);
    const employeeIds: string[] = [];
    yield* readPages('bamboohr', ctx, (rc) => [
      reader('groups', 'hris_teams', () => readGroups(client, rc)),
      reader('locations', 'hris_locations', () => readLocations(client, rc)),
      reader('employees', 'hris_employees', async function* () {
        const index = indexOptions(await readListOptions(client, 'hris_employees'));
        for await (const page of readEmployees(client, rc, index)) {
          employeeIds.push(...page.map((e) => e.remoteId));
          yield page;
        }
      }),
      reader('employments', 'hris_employments', () => readEmployments(client, rc)),
      reader('absenceTypes', 'hris_absence_types', () => readAbsenceTypes(client, rc)),
      reader('absences', 'hris_absences', () => readAbsences(client, rc)),
      reader('timeOffBalances', 'hris_time_off_balances', () => readTimeOffBalances(client, rc, employeeIds)),
    ]);
  },
  async passthrough(ctx, request) {
    if (!(APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, APIS);
    const client = bambooClient(ctx.integrationId, ctx.credentials);
    return forwardPassthrough(client.http, `${client.base}/api`, request);
  },
};
