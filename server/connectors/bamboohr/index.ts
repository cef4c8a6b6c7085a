import { pick, type Texts } from '../sandbox/texts.ts';
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
  subdomain: { en: 'Company subdomain', de: 'Firmen-Subdomain', fr: "Sous-domaine de l'entreprise", it: "Sottodominio dell'azienda", es: 'Subdominio de la empresa' },
  subdomainHelp: {
    en: 'The first part of your BambooHR address, e.g. "acme" for https://acme.bamboohr.com.',
    de: 'Der erste Teil Ihrer BambooHR-Adresse, z. B. "acme" für https://acme.bamboohr.com.',
    fr: 'La première partie de votre adresse BambooHR, p. ex. « acme » pour https://acme.bamboohr.com.',
    it: 'La prima parte del tuo indirizzo BambooHR, ad es. "acme" per https://acme.bamboohr.com.',
    es: 'La primera parte de su dirección de BambooHR, p. ej. "acme" para https://acme.bamboohr.com.',
  },
  apiKey: { en: 'API key', de: 'API-Schlüssel', fr: 'Clé API', it: 'Chiave API', es: 'Clave de API' },
  apiKeyHelp: {
    en: 'A key created by a BambooHR administrator; it reads what its user may see.',
    de: 'Ein von einer BambooHR-Administratorin erstellter Schlüssel; er liest, was sein Benutzer sehen darf.',
    fr: "Une clé créée par un administrateur BambooHR ; elle lit ce que son utilisateur peut voir.",
    it: "Una chiave creata da un amministratore BambooHR; legge ciò che il suo utente può vedere.",
    es: 'Una clave creada por un administrador de BambooHR; lee lo que su usuario puede ver.',
  },
} satisfies Record<string, Texts>;

const STEPS: Texts[] = [
  {
    en: 'Sign in to BambooHR as an administrator with access to all employee, job and time-off data.',
    de: 'Melden Sie sich bei BambooHR als Administrator mit Zugriff auf alle Mitarbeiter-, Job- und Abwesenheitsdaten an.',
    fr: 'Connectez-vous à BambooHR en tant qu’administrateur ayant accès à toutes les données employés, postes et congés.',
    it: 'Accedi a BambooHR come amministratore con accesso a tutti i dati di dipendenti, ruoli e assenze.',
    es: 'Inicie sesión en BambooHR como administrador con acceso a todos los datos de empleados, puestos y ausencias.',
  },
  {
    en: 'Click your name or photo in the top right corner and choose "API Keys".',
    de: 'Klicken Sie oben rechts auf Ihren Namen oder Ihr Foto und wählen Sie "API-Schlüssel".',
    fr: 'Cliquez sur votre nom ou votre photo en haut à droite et choisissez « Clés API ».',
    it: 'Fai clic sul tuo nome o sulla tua foto in alto a destra e scegli "Chiavi API".',
    es: 'Haga clic en su nombre o foto en la esquina superior derecha y elija "Claves de API".',
  },
  {
    en: 'Click "Add New Key", name it (e.g. "HR integration"), generate it and copy it: it is shown only once.',
    de: 'Klicken Sie auf "Neuen Schlüssel hinzufügen", benennen Sie ihn (z. B. "HR-Integration"), erzeugen und kopieren Sie ihn: er wird nur einmal angezeigt.',
    fr: 'Cliquez sur « Ajouter une clé », nommez-la (p. ex. « Intégration RH »), générez-la et copiez-la : elle n’est affichée qu’une fois.',
    it: 'Fai clic su "Aggiungi nuova chiave", assegnale un nome (ad es. "Integrazione HR"), generala e copiala: viene mostrata una sola volta.',
    es: 'Haga clic en "Añadir nueva clave", asígnele un nombre (p. ej. "Integración RR. HH."), genérela y cópiela: solo se muestra una vez.',
  },
  {
    en: 'Enter your company subdomain (the "acme" in acme.bamboohr.com) and paste the key here.',
    de: 'Geben Sie Ihre Firmen-Subdomain ein (das "acme" in acme.bamboohr.com) und fügen Sie den Schlüssel hier ein.',
    fr: 'Saisissez le sous-domaine de votre entreprise (le « acme » de acme.bamboohr.com) et collez la clé ici.',
    it: 'Inserisci il sottodominio della tua azienda (il "acme" di acme.bamboohr.com) e incolla qui la chiave.',
    es: 'Introduzca el subdominio de su empresa (el "acme" de acme.bamboohr.com) y pegue aquí la clave.',
  },
];

function credentialFields(language: FlowLanguage): CredentialField[] {
  return [
    { key: 'company_subdomain', type: 'subdomain', label: pick(T.subdomain, language), required: true, placeholder: 'acme', help: pick(T.subdomainHelp, language), prefix: 'https://', suffix: BAMBOOHR_DOMAIN },
    { key: 'api_key', type: 'secret', label: pick(T.apiKey, language), required: true, help: pick(T.apiKeyHelp, language) },
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
  instructions: (language) => STEPS.map((s) => pick(s, language)),
  dataPoints: (language) => dataPointsOf(COVERAGE, language),
  readModels: readModelsOf(COVERAGE),
  verifyCredentials: verifyBamboohrCredentials,
  source: bamboohrDataSource,
};
