import type { ServerTextKey } from '../../i18n/en.ts';
import { translate } from '../../i18n/translate.ts';
import type { DataPointGroup, FlowLanguage } from '../types.ts';

/**
 * Model -> the fields the flow names for it. Labels live in the server catalogues as `data.<model>` and
 * `data.<model>.<field>` (server/i18n/<language>.ts).
 */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  hris_employees: ['first_name', 'work_email', 'job_title', 'date_of_birth', 'home_address', 'bank_accounts', 'manager_id'],
  hris_employments: ['pay_rate', 'employment_type', 'effective_date'],
  hris_teams: ['name', 'parent_id'],
  hris_locations: ['address'],
  hris_legal_entities: ['name'],
  hris_absences: ['start_date', 'type_id', 'status'],
  hris_time_off_balances: ['balance'],
  hris_timesheets: ['payable_hours'],
  hris_performance_reviews: ['summary_rating'],
  hris_skills: ['name'],
};

/** What a Sandbox integration reads, grouped by model, in the flow's language. */
export function sandboxDataPoints(language: FlowLanguage): DataPointGroup[] {
  return Object.entries(GROUPS).map(([model, fields]) => ({
    model,
    label: translate(language, `data.${model}` as ServerTextKey),
    fields: fields.map((id) => ({ id, label: translate(language, `data.${model}.${id}` as ServerTextKey) })),
  }));
}
