import { pick, type Texts } from '../sandbox/texts.ts';
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

const STEPS: Texts[] = [
  {
    en: 'Click "Connect with Factorial": a window opens at Factorial.',
    de: 'Klicken Sie auf "Mit Factorial verbinden": ein Fenster von Factorial öffnet sich.',
    fr: 'Cliquez sur « Se connecter avec Factorial » : une fenêtre Factorial s’ouvre.',
    it: 'Fai clic su "Connetti con Factorial": si apre una finestra di Factorial.',
    es: 'Haga clic en "Conectar con Factorial": se abre una ventana de Factorial.',
  },
  {
    en: 'Sign in as a Factorial administrator (the connection reads what that user may see) and allow the access.',
    de: 'Melden Sie sich als Factorial-Administrator an (die Verbindung liest, was dieser Benutzer sehen darf) und erlauben Sie den Zugriff.',
    fr: 'Connectez-vous en tant qu’administrateur Factorial (la connexion lit ce que cet utilisateur peut voir) et autorisez l’accès.',
    it: 'Accedi come amministratore Factorial (la connessione legge ciò che quell’utente può vedere) e consenti l’accesso.',
    es: 'Inicie sesión como administrador de Factorial (la conexión lee lo que ese usuario puede ver) y permita el acceso.',
  },
  {
    en: 'The window closes by itself and the connection completes.',
    de: 'Das Fenster schließt sich von selbst und die Verbindung wird hergestellt.',
    fr: 'La fenêtre se ferme d’elle-même et la connexion se termine.',
    it: 'La finestra si chiude da sola e la connessione viene completata.',
    es: 'La ventana se cierra sola y la conexión se completa.',
  },
];

const USE_BUTTON = {
  en: 'Factorial connects through its own sign-in: use "Connect with Factorial".',
  de: 'Factorial verbindet sich über die eigene Anmeldung: verwenden Sie "Mit Factorial verbinden".',
  fr: 'Factorial se connecte via sa propre connexion : utilisez « Se connecter avec Factorial ».',
  it: 'Factorial si connette tramite il proprio accesso: usa "Connetti con Factorial".',
  es: 'Factorial se conecta con su propio inicio de sesión: use "Conectar con Factorial".',
};

/** Factorial: OAuth 2.0 authorization code with PKCE and rotating refresh tokens; on in production and development. */
export const factorialConnector: Connector = {
  tool: { id: 'factorial', label: 'Factorial', categories: ['HRIS'], ...monogram('Factorial', 'F', '#e0315b'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields: () => [],
  instructions: (language) => STEPS.map((s) => pick(s, language)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  // Credentials only ever come from the OAuth callback, never from a form.
  verifyCredentials: async (_credentials, context) => ({ status: 'invalid_credentials', message: pick(USE_BUTTON, context.language ?? 'en'), fieldErrors: {} }),
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
