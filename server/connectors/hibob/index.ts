import { type ServerTextKey, translate } from '../../i18n/translate.ts';
import { dataPointsOf, monogram, readModelsOf, type ToolCoverage } from '../tool-catalogue.ts';
import type { Connector, CredentialField, FlowLanguage } from '../types.ts';
import { hibobDataSource } from './source.ts';
import { verifyHibobCredentials } from './verify.ts';

const COVERAGE: ToolCoverage = {
  hris_employees:
    'employee_number first_name last_name nationality display_full_name job_title work_email personal_email mobile_phone_number gender ' +
    'employment_status employment_type weekly_hours avatar work_location_id manager_id home_address date_of_birth start_date termination_date remote_created_at',
  hris_employments: 'employee_id pay_rate pay_period pay_frequency pay_currency effective_date',
  hris_teams: 'name type parent_id',
  hris_locations: 'name',
  hris_absence_types: 'name unit half_days_supported exact_times_supported',
  hris_absences: 'employee_id start_date end_date start_half_day end_half_day amount unit status type_id',
  hris_time_off_balances: 'employee_id type_id balance balance_unit used used_unit',
};

const T = {
  id: 'hibob.id',
  idHelp: 'hibob.idHelp',
  token: 'hibob.token',
  tokenHelp: 'hibob.tokenHelp',
} satisfies Record<string, ServerTextKey>;

const STEPS: ServerTextKey[] = [
  'hibob.step1',
  'hibob.step2',
  'hibob.step3',
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'service_user_id', type: 'text', label: translate(language, T.id), required: true, help: translate(language, T.idHelp), placeholder: 'SERVICE-12345' },
    { key: 'service_user_token', type: 'secret', label: translate(language, T.token), required: true, help: translate(language, T.tokenHelp) },
  ];
}

/** HiBob: service user ID + token over HTTP Basic; on in production and development. */
export const hibobConnector: Connector = {
  tool: { id: 'hibob', label: 'HiBob', categories: ['HRIS'], ...monogram('HiBob', 'H', '#b3215b'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields,
  instructions: (language) => STEPS.map((s) => translate(language, s)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyHibobCredentials,
  source: hibobDataSource,
};
