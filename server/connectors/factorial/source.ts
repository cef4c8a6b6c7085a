import { type PagedSource, UnknownPassthroughApiError } from '../data-source.ts';
import { runtimeOf } from '../http/runtime.ts';
import { readPages, reader } from '../http/read-pages.ts';
import { forwardPassthrough } from '../http/forward-passthrough.ts';
import { collect } from '../http/paginate.ts';
import { idOf } from '../http/values.ts';
import { FACTORIAL_API, factorialClient } from './client.ts';
import { mapped, pagesOf, readTimeOffBalances } from './read.ts';
import { toAbsence, toAbsenceType, toEmployee, toEmployment, toGroup, toLegalEntity, toLocation } from './to-unified.ts';

const APIS = ['api'] as const;

export const FACTORIAL_MODELS = [
  'hris_employees', 'hris_employments', 'hris_teams', 'hris_locations', 'hris_legal_entities', 'hris_absence_types', 'hris_absences',
  'hris_time_off_balances',
] as const;

/**
 * Factorial's data source. Teams are read first: they list their members, which become the employees'
 * groups. Leaves cover two years back and one ahead, deleted ones included (marked DELETED). Balances
 * are the allowance stats of every employee read, as of today.
 *
 * Every read is a full read, DELTA ones too: employees have an updated-since filter (`updated_at_gteq`
 * [sdk]) but nothing names employees deleted since, and leaves have no change filter at all [sdk] (their
 * window with `include_deleted_leaves` is already the complete answer).
 */
export const factorialDataSource: PagedSource = {
  readModels: FACTORIAL_MODELS,
  async *read(ctx) {
    const http = factorialClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials);
    const teamsOf = new Map<string, string[]>();
    const employeeIds: string[] = [];
    const today = ctx.now.toISOString().slice(0, 10);
    const year = ctx.now.getUTCFullYear();
    const day = today.slice(4);
    yield* readPages('factorial', ctx, (rc) => [
      reader('groups', 'hris_teams', async function* () {
        const teams = await collect(pagesOf(http, 'teams/teams', 'hris_teams'));
        for (const team of teams) {
          const t = team as { id?: unknown; employee_ids?: unknown };
          const teamId = idOf(t.id);
          if (!teamId || !Array.isArray(t.employee_ids)) continue;
          for (const e of t.employee_ids) {
            const id = idOf(e);
            if (id) teamsOf.set(id, [...(teamsOf.get(id) ?? []), teamId]);
          }
        }
        yield* mapped((async function* () { yield teams; })(), 'hris_teams', toGroup, rc);
      }),
      reader('employees', 'hris_employees', async function* () {
        const pages = mapped(pagesOf(http, 'employees/employees', 'hris_employees', { only_active: 'false', only_managers: 'false' }), 'hris_employees', (raw) => toEmployee(raw, teamsOf, today), rc);
        for await (const page of pages) {
          employeeIds.push(...page.map((e) => e.remoteId));
          yield page;
        }
      }),
      reader('locations', 'hris_locations', () => mapped(pagesOf(http, 'locations/locations', 'hris_locations'), 'hris_locations', toLocation, rc)),
      reader('legalEntities', 'hris_legal_entities', () => mapped(pagesOf(http, 'companies/legal_entities', 'hris_legal_entities'), 'hris_legal_entities', toLegalEntity, rc)),
      reader('employments', 'hris_employments', () => mapped(pagesOf(http, 'contracts/contract_versions', 'hris_employments'), 'hris_employments', toEmployment, rc)),
      reader('absenceTypes', 'hris_absence_types', () => mapped(pagesOf(http, 'timeoff/leave_types', 'hris_absence_types'), 'hris_absence_types', toAbsenceType, rc)),
      reader('absences', 'hris_absences', () =>
        mapped(
          pagesOf(http, 'timeoff/leaves', 'hris_absences', { from: `${year - 2}${day}`, to: `${year + 1}${day}`, include_pending: 'true', include_deleted_leaves: 'true' }),
          'hris_absences',
          toAbsence,
          rc,
        )),
      reader('timeOffBalances', 'hris_time_off_balances', () => readTimeOffBalances(http, rc, employeeIds)),
    ]);
  },
  async passthrough(ctx, request) {
    if (!(APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, APIS);
    return forwardPassthrough(factorialClient(runtimeOf(ctx), ctx.integrationId, ctx.credentials), FACTORIAL_API.replace(/\/resources$/, ''), request);
  },
};
