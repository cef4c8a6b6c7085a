import { type ServerTextKey, translate } from '../../i18n/translate.ts';
import { dataPointsOf, monogram, readModelsOf, type ToolCoverage } from '../tool-catalogue.ts';
import type { Connector, CredentialField, FlowLanguage } from '../types.ts';
import { BAMBOOHR_DOMAIN } from './client.ts';
import { bamboohrDataSource } from './source.ts';
import { verifyBamboohrCredentials } from './verify.ts';

const COVERAGE: ToolCoverage = {
  hris_employees:
    'employee_number first_name last_name nationality display_full_name job_title work_email personal_email mobile_phone_number ssn ' +
    'gender ethnicity marital_status employment_status employment_type avatar work_location_id manager_id home_address date_of_birth ' +
    'start_date termination_date',
  hris_employments: 'employee_id pay_rate pay_period pay_frequency pay_currency effective_date',
  hris_teams: 'name type',
  hris_locations: 'name',
  hris_absence_types: 'name unit half_days_supported exact_times_supported',
  hris_absences: 'employee_id start_date end_date start_half_day end_half_day amount unit status employee_note type_id remote_created_at remote_updated_at',
  hris_time_off_balances: 'employee_id type_id balance balance_unit used used_unit',
};

const T = {
  subdomain: 'bamboohr.subdomain',
  subdomainHelp: 'bamboohr.subdomainHelp',
  apiKey: 'bamboohr.apiKey',
  apiKeyHelp: 'bamboohr.apiKeyHelp',
} satisfies Record<string, ServerTextKey>;

const STEPS: ServerTextKey[] = [
  'bamboohr.step1',
  'bamboohr.step2',
  'bamboohr.step3',
  'bamboohr.step4',
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'company_subdomain', type: 'subdomain', label: translate(language, T.subdomain), required: true, placeholder: 'acme', help: translate(language, T.subdomainHelp), prefix: 'https://', suffix: BAMBOOHR_DOMAIN },
    { key: 'api_key', type: 'secret', label: translate(language, T.apiKey), required: true, help: translate(language, T.apiKeyHelp) },
  ];
}

/** BambooHR: company subdomain + API key over HTTP Basic; on in production and development. */
export const bamboohrConnector: Connector = {
  tool: {
    id: 'bamboohr',
    label: 'BambooHR',
    categories: ['HRIS'],
    ...monogram('BambooHR', 'B', '#3f7f1f'),
    connectionGuideUrl: null,
  },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields,
  instructions: (language) => STEPS.map((s) => translate(language, s)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyBamboohrCredentials,
  source: bamboohrDataSource,
};
