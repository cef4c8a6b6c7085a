import { pick, type Texts } from '../sandbox/texts.ts';
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
  clientId: { en: 'Client ID', de: 'Client-ID', fr: 'ID client', it: 'Client ID', es: 'ID de cliente' },
  clientIdHelp: {
    en: 'The client ID of an API credential created in Personio.',
    de: 'Die Client-ID von in Personio erstellten API-Zugangsdaten.',
    fr: "L'ID client d'un accès API créé dans Personio.",
    it: 'Il client ID di una credenziale API creata in Personio.',
    es: 'El ID de cliente de una credencial de API creada en Personio.',
  },
  clientSecret: { en: 'Client secret', de: 'Client-Secret', fr: 'Secret client', it: 'Client secret', es: 'Secreto de cliente' },
  clientSecretHelp: {
    en: 'Shown only once, when the credential is created.',
    de: 'Wird nur einmal angezeigt, wenn die Zugangsdaten erstellt werden.',
    fr: "Affiché une seule fois, à la création de l'accès.",
    it: 'Mostrato una sola volta, alla creazione della credenziale.',
    es: 'Se muestra solo una vez, al crear la credencial.',
  },
} satisfies Record<string, Texts>;

const STEPS: Texts[] = [
  {
    en: 'In Personio, open Settings > Integrations > API credentials (you need administrator rights).',
    de: 'Öffnen Sie in Personio Einstellungen > Integrationen > API-Zugangsdaten (Administratorrechte erforderlich).',
    fr: 'Dans Personio, ouvrez Paramètres > Intégrations > Identifiants API (droits d’administrateur requis).',
    it: 'In Personio, apri Impostazioni > Integrazioni > Credenziali API (servono i diritti di amministratore).',
    es: 'En Personio, abra Ajustes > Integraciones > Credenciales de API (se necesitan derechos de administrador).',
  },
  {
    en: 'Click "Generate new credential", give it read access to employees and absences, and allow the employee attributes to share.',
    de: 'Klicken Sie auf "Neue Zugangsdaten generieren", erteilen Sie Lesezugriff auf Mitarbeitende und Abwesenheiten und geben Sie die Mitarbeiterattribute frei.',
    fr: 'Cliquez sur « Générer un nouvel identifiant », accordez la lecture des employés et des absences, et autorisez les attributs des employés à partager.',
    it: 'Fai clic su "Genera nuova credenziale", concedi la lettura di dipendenti e assenze e consenti gli attributi dei dipendenti da condividere.',
    es: 'Haga clic en "Generar nueva credencial", conceda lectura de empleados y ausencias y permita los atributos de empleados que se compartirán.',
  },
  {
    en: 'Copy the client ID and the client secret (shown only once) and paste them here.',
    de: 'Kopieren Sie die Client-ID und das Client-Secret (wird nur einmal angezeigt) und fügen Sie sie hier ein.',
    fr: 'Copiez l’ID client et le secret client (affiché une seule fois) et collez-les ici.',
    it: 'Copia il client ID e il client secret (mostrato una sola volta) e incollali qui.',
    es: 'Copie el ID de cliente y el secreto de cliente (se muestra solo una vez) y péguelos aquí.',
  },
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'client_id', type: 'text', label: pick(T.clientId, language), required: true, help: pick(T.clientIdHelp, language) },
    { key: 'client_secret', type: 'secret', label: pick(T.clientSecret, language), required: true, help: pick(T.clientSecretHelp, language) },
  ];
}

/** Personio: client ID + secret exchanged for a bearer token; on in production and development. */
export const personioConnector: Connector = {
  tool: { id: 'personio', label: 'Personio', categories: ['HRIS'], ...monogram('Personio', 'P', '#1f2937'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields,
  instructions: (language) => STEPS.map((s) => pick(s, language)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyPersonioCredentials,
  source: personioDataSource,
};
