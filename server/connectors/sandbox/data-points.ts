import type { DataPointGroup, FlowLanguage } from '../types.ts';
import { pick, type Texts } from './texts.ts';

type Group = { model: string; label: Texts; fields: { id: string; label: Texts }[] };

const f = (id: string, en: string, de: string, fr: string, it: string, es: string) => ({ id, label: { en, de, fr, it, es } });

const GROUPS: Group[] = [
  {
    model: 'hris_employees',
    label: { en: 'Employees', de: 'Mitarbeitende', fr: 'Employés', it: 'Dipendenti', es: 'Empleados' },
    fields: [
      f('first_name', 'First and last name', 'Vor- und Nachname', 'Prénom et nom', 'Nome e cognome', 'Nombre y apellidos'),
      f('work_email', 'Work email', 'Geschäftliche E-Mail', 'E-mail professionnel', 'E-mail di lavoro', 'Correo del trabajo'),
      f('job_title', 'Job title', 'Stellenbezeichnung', 'Intitulé du poste', 'Qualifica', 'Puesto'),
      f('date_of_birth', 'Date of birth', 'Geburtsdatum', 'Date de naissance', 'Data di nascita', 'Fecha de nacimiento'),
      f('home_address', 'Home address', 'Privatadresse', 'Adresse personnelle', 'Indirizzo di casa', 'Domicilio'),
      f('bank_accounts', 'Bank accounts', 'Bankverbindungen', 'Comptes bancaires', 'Conti bancari', 'Cuentas bancarias'),
      f('manager_id', 'Manager', 'Vorgesetzte Person', 'Responsable', 'Responsabile', 'Responsable'),
    ],
  },
  {
    model: 'hris_employments',
    label: { en: 'Employments', de: 'Beschäftigungen', fr: 'Contrats', it: 'Rapporti di lavoro', es: 'Contratos' },
    fields: [
      f('pay_rate', 'Pay rate and currency', 'Vergütung und Währung', 'Rémunération et devise', 'Retribuzione e valuta', 'Salario y moneda'),
      f('employment_type', 'Employment type', 'Beschäftigungsart', "Type d'emploi", 'Tipo di impiego', 'Tipo de empleo'),
      f('effective_date', 'Effective date', 'Gültig ab', "Date d'effet", 'Data di decorrenza', 'Fecha de efecto'),
    ],
  },
  {
    model: 'hris_teams',
    label: { en: 'Departments and teams', de: 'Abteilungen und Teams', fr: 'Services et équipes', it: 'Reparti e team', es: 'Departamentos y equipos' },
    fields: [
      f('name', 'Name', 'Name', 'Nom', 'Nome', 'Nombre'),
      f('parent_id', 'Hierarchy', 'Hierarchie', 'Hiérarchie', 'Gerarchia', 'Jerarquía'),
    ],
  },
  {
    model: 'hris_locations',
    label: { en: 'Work locations', de: 'Arbeitsorte', fr: 'Lieux de travail', it: 'Sedi di lavoro', es: 'Centros de trabajo' },
    fields: [f('address', 'Address', 'Adresse', 'Adresse', 'Indirizzo', 'Dirección')],
  },
  {
    model: 'hris_legal_entities',
    label: { en: 'Legal entities', de: 'Rechtliche Einheiten', fr: 'Entités juridiques', it: 'Entità legali', es: 'Entidades legales' },
    fields: [f('name', 'Name and address', 'Name und Adresse', 'Nom et adresse', 'Nome e indirizzo', 'Nombre y dirección')],
  },
  {
    model: 'hris_absences',
    label: { en: 'Absences', de: 'Abwesenheiten', fr: 'Absences', it: 'Assenze', es: 'Ausencias' },
    fields: [
      f('start_date', 'Dates', 'Zeiträume', 'Dates', 'Date', 'Fechas'),
      f('type_id', 'Absence type', 'Abwesenheitsart', "Type d'absence", 'Tipo di assenza', 'Tipo de ausencia'),
      f('status', 'Approval status', 'Genehmigungsstatus', "Statut d'approbation", 'Stato di approvazione', 'Estado de aprobación'),
    ],
  },
  {
    model: 'hris_time_off_balances',
    label: { en: 'Time-off balances', de: 'Urlaubskonten', fr: 'Soldes de congés', it: 'Saldi ferie', es: 'Saldos de vacaciones' },
    fields: [f('balance', 'Balance and usage', 'Stand und Verbrauch', 'Solde et consommation', 'Saldo e utilizzo', 'Saldo y consumo')],
  },
  {
    model: 'hris_timesheets',
    label: { en: 'Timesheets', de: 'Arbeitszeiten', fr: 'Feuilles de temps', it: 'Fogli presenze', es: 'Registros horarios' },
    fields: [f('payable_hours', 'Worked hours', 'Gearbeitete Stunden', 'Heures travaillées', 'Ore lavorate', 'Horas trabajadas')],
  },
  {
    model: 'hris_performance_reviews',
    label: { en: 'Performance reviews', de: 'Leistungsbeurteilungen', fr: 'Évaluations de performance', it: 'Valutazioni delle prestazioni', es: 'Evaluaciones de desempeño' },
    fields: [f('summary_rating', 'Ratings and comments', 'Bewertungen und Kommentare', 'Notes et commentaires', 'Valutazioni e commenti', 'Valoraciones y comentarios')],
  },
  {
    model: 'hris_skills',
    label: { en: 'Skills', de: 'Fähigkeiten', fr: 'Compétences', it: 'Competenze', es: 'Habilidades' },
    fields: [f('name', 'Skills and levels', 'Fähigkeiten und Stufen', 'Compétences et niveaux', 'Competenze e livelli', 'Habilidades y niveles')],
  },
];

/** What a Sandbox integration reads, grouped by model, in the flow's language. */
export function sandboxDataPoints(language: FlowLanguage): DataPointGroup[] {
  return GROUPS.map((g) => ({
    model: g.model,
    label: pick(g.label, language),
    fields: g.fields.map((field) => ({ id: field.id, label: pick(field.label, language) })),
  }));
}
