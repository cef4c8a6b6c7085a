import { pick, type Texts } from '../sandbox/texts.ts';
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
  id: { en: 'Service user ID', de: 'Service-User-ID', fr: "ID de l'utilisateur de service", it: 'ID utente di servizio', es: 'ID de usuario de servicio' },
  idHelp: {
    en: 'The ID of a HiBob service user (Settings > Integrations > Service users).',
    de: 'Die ID eines HiBob-Service-Users (Einstellungen > Integrationen > Service-User).',
    fr: "L'ID d'un utilisateur de service HiBob (Paramètres > Intégrations > Utilisateurs de service).",
    it: "L'ID di un utente di servizio HiBob (Impostazioni > Integrazioni > Utenti di servizio).",
    es: 'El ID de un usuario de servicio de HiBob (Ajustes > Integraciones > Usuarios de servicio).',
  },
  token: { en: 'Service user token', de: 'Service-User-Token', fr: "Jeton de l'utilisateur de service", it: 'Token utente di servizio', es: 'Token de usuario de servicio' },
  tokenHelp: {
    en: 'Shown once when the service user is created (it can be regenerated).',
    de: 'Wird einmal beim Erstellen des Service-Users angezeigt (kann neu erzeugt werden).',
    fr: "Affiché une fois à la création de l'utilisateur de service (peut être régénéré).",
    it: "Mostrato una volta alla creazione dell'utente di servizio (può essere rigenerato).",
    es: 'Se muestra una vez al crear el usuario de servicio (se puede regenerar).',
  },
} satisfies Record<string, Texts>;

const STEPS: Texts[] = [
  {
    en: 'In Bob, open Settings > Integrations > Automation > Service users and create a service user.',
    de: 'Öffnen Sie in Bob Einstellungen > Integrationen > Automatisierung > Service-User und legen Sie einen Service-User an.',
    fr: 'Dans Bob, ouvrez Paramètres > Intégrations > Automatisation > Utilisateurs de service et créez un utilisateur de service.',
    it: 'In Bob, apri Impostazioni > Integrazioni > Automazione > Utenti di servizio e crea un utente di servizio.',
    es: 'En Bob, abra Ajustes > Integraciones > Automatización > Usuarios de servicio y cree un usuario de servicio.',
  },
  {
    en: 'Add it to a permission group that may view people data (basic info, work, employment, lifecycle, payroll) and time off.',
    de: 'Fügen Sie ihn einer Berechtigungsgruppe hinzu, die Personendaten (Basisdaten, Arbeit, Beschäftigung, Lebenszyklus, Gehalt) und Abwesenheiten sehen darf.',
    fr: 'Ajoutez-le à un groupe de permissions pouvant voir les données des personnes (base, travail, emploi, cycle de vie, paie) et les absences.',
    it: 'Aggiungilo a un gruppo di permessi che può vedere i dati delle persone (base, lavoro, impiego, ciclo di vita, paghe) e le assenze.',
    es: 'Añádalo a un grupo de permisos que pueda ver datos de personas (básicos, trabajo, empleo, ciclo de vida, nómina) y ausencias.',
  },
  {
    en: 'Copy the service user ID and token and paste them here.',
    de: 'Kopieren Sie die Service-User-ID und das Token und fügen Sie sie hier ein.',
    fr: "Copiez l'ID et le jeton de l'utilisateur de service et collez-les ici.",
    it: "Copia l'ID e il token dell'utente di servizio e incollali qui.",
    es: 'Copie el ID y el token del usuario de servicio y péguelos aquí.',
  },
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'service_user_id', type: 'text', label: pick(T.id, language), required: true, help: pick(T.idHelp, language), placeholder: 'SERVICE-12345' },
    { key: 'service_user_token', type: 'secret', label: pick(T.token, language), required: true, help: pick(T.tokenHelp, language) },
  ];
}

/** HiBob: service user ID + token over HTTP Basic; on in production and development. */
export const hibobConnector: Connector = {
  tool: { id: 'hibob', label: 'HiBob', categories: ['HRIS'], ...monogram('HiBob', 'H', '#b3215b'), connectionGuideUrl: null },
  availability: { production: { enabledByDefault: true }, development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields,
  instructions: (language) => STEPS.map((s) => pick(s, language)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyHibobCredentials,
  source: hibobDataSource,
};
