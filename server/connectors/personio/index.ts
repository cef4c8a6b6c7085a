import { type ServerTextKey, translate } from '../../i18n/translate.ts';
import { dataPointsOf, monogram, readModelsOf, type ToolCoverage } from '../tool-catalogue.ts';
import type { Connector, CredentialField, FlowLanguage } from '../types.ts';
import { personioDataSource } from './source.ts';
import { verifyPersonioCredentials } from './verify.ts';

const COVERAGE: ToolCoverage = {
  hris_employees:
    'first_name last_name display_full_name job_title work_email gender employment_status weekly_hours work_location_id legal_entity_id ' +
    'manager_id bank_accounts start_date termination_date remote_created_at',
  hris_employments: 'employee_id job_title pay_rate pay_period pay_currency effective_date',
  hris_teams: 'name type',
  hris_locations: 'name',
  hris_legal_entities: 'name',
  hris_absence_types: 'name unit',
  hris_absences: 'employee_id start_date end_date start_half_day end_half_day amount unit status type_id remote_created_at remote_updated_at',
  hris_time_off_balances: 'employee_id type_id balance balance_unit',
};

const T = {
  clientId: 'personio.clientId',
  clientIdHelp: 'personio.clientIdHelp',
  clientSecret: 'personio.clientSecret',
  clientSecretHelp: 'personio.clientSecretHelp',
} satisfies Record<string, ServerTextKey>;

const STEPS: ServerTextKey[] = [
  'personio.step1',
  'personio.step2',
  'personio.step3',
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'client_id', type: 'text', label: translate(language, T.clientId), required: true, help: translate(language, T.clientIdHelp) },
    { key: 'client_secret', type: 'secret', label: translate(language, T.clientSecret), required: true, help: translate(language, T.clientSecretHelp) },
  ];
}

/** Personio: client ID + secret exchanged for a bearer token; on in production and development. */
export const personioConnector: Connector = {
  tool: { id: 'personio', label: 'Personio', categories: ['HRIS'], ...monogram('Personio', 'P', '#1f2937'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields,
  instructions: (language) => STEPS.map((s) => translate(language, s)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyPersonioCredentials,
  source: personioDataSource,
};
