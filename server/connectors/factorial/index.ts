import { type ServerTextKey, translate } from '../../i18n/translate.ts';
import { dataPointsOf, monogram, readModelsOf, type ToolCoverage } from '../tool-catalogue.ts';
import type { Connector } from '../types.ts';
import { factorialAuthorizationUrl, factorialClient, requestTokens } from './client.ts';
import { factorialDataSource } from './source.ts';

const COVERAGE: ToolCoverage = {
  hris_employees:
    'employee_number first_name last_name nationality display_full_name work_email personal_email mobile_phone_number ssn tax_id gender ' +
    'employment_status work_location_id legal_entity_id manager_id home_address bank_accounts date_of_birth start_date termination_date remote_created_at',
  hris_employments: 'employee_id job_title pay_rate pay_period effective_date',
  hris_teams: 'name type',
  hris_locations: 'name address',
  hris_legal_entities: 'name address',
  hris_absence_types: 'name unit half_days_supported',
  hris_absences: 'employee_id start_date end_date start_half_day end_half_day amount unit status employee_note type_id remote_created_at remote_updated_at',
  hris_time_off_balances: 'employee_id type_id balance balance_unit used used_unit',
};

const STEPS: ServerTextKey[] = [
  'factorial.step1',
  'factorial.step2',
  'factorial.step3',
];

const USE_BUTTON = 'factorial.useButton';

/** Factorial: OAuth 2.0 authorization code with PKCE and rotating refresh tokens; on in production and development. */
export const factorialConnector: Connector = {
  tool: { id: 'factorial', label: 'Factorial', categories: ['HRIS'], ...monogram('Factorial', 'F', '#e0315b'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields: () => [],
  instructions: (language) => STEPS.map((s) => translate(language, s)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  // Credentials only ever come from the OAuth callback, never from a form.
  verifyCredentials: async (_credentials, context) => ({ status: 'invalid_credentials', message: translate(context.language ?? 'en', USE_BUTTON), fieldErrors: {} }),
  source: factorialDataSource,
  oauth: {
    authorizationUrl: factorialAuthorizationUrl,
    async exchangeCode(input, signal, runtime) {
      const pair = await requestTokens(factorialClient(runtime, null, {}, signal), {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: input.redirectUri,
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code_verifier: input.codeVerifier,
      });
      return {
        access_token: pair.access_token,
        refresh_token: pair.refresh_token,
        expires_at: String(pair.expiresAt),
        client_id: input.clientId,
        client_secret: input.clientSecret,
      };
    },
  },
};
