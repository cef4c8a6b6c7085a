import type { CredentialField, FlowLanguage } from '../types.ts';
import { pick, type Texts } from './texts.ts';

/** Domain every simulated Sandbox company lives under (shown as the subdomain field's suffix). */
export const SANDBOX_DOMAIN_SUFFIX = '.sandbox-hr.test';

/** Company sizes a developer can choose; the value is the number of employees. */
export const SANDBOX_COMPANY_SIZES = ['50', '250', '1000', '10000'] as const;

/** Regions the simulated company can be based in. */
export const SANDBOX_REGIONS = ['eu', 'us'] as const;

const L = {
  subdomain: {
    en: 'Company subdomain',
    de: 'Firmen-Subdomain',
    fr: "Sous-domaine de l'entreprise",
    it: "Sottodominio dell'azienda",
    es: 'Subdominio de la empresa',
  },
  subdomainHelp: {
    en: 'The first part of your Sandbox HR address, e.g. "acme" for https://acme.sandbox-hr.test. Letters, digits and hyphens.',
    de: 'Der erste Teil Ihrer Sandbox-HR-Adresse, z. B. "acme" für https://acme.sandbox-hr.test. Buchstaben, Ziffern und Bindestriche.',
    fr: 'La première partie de votre adresse Sandbox HR, p. ex. « acme » pour https://acme.sandbox-hr.test. Lettres, chiffres et tirets.',
    it: 'La prima parte del tuo indirizzo Sandbox HR, ad es. "acme" per https://acme.sandbox-hr.test. Lettere, cifre e trattini.',
    es: 'La primera parte de su dirección de Sandbox HR, p. ej. "acme" para https://acme.sandbox-hr.test. Letras, dígitos y guiones.',
  },
  apiKey: { en: 'API key', de: 'API-Schlüssel', fr: 'Clé API', it: 'Chiave API', es: 'Clave de API' },
  apiKeyHelp: {
    en: 'Any value connects. Magic values for testing: "invalid" is rejected, "slow" takes about 3 seconds, "outage" simulates an unreachable system.',
    de: 'Jeder Wert verbindet. Testwerte: "invalid" wird abgelehnt, "slow" dauert etwa 3 Sekunden, "outage" simuliert ein nicht erreichbares System.',
    fr: "Toute valeur fonctionne. Valeurs de test : « invalid » est refusée, « slow » prend environ 3 secondes, « outage » simule un système injoignable.",
    it: 'Qualsiasi valore funziona. Valori di prova: "invalid" viene rifiutato, "slow" richiede circa 3 secondi, "outage" simula un sistema non raggiungibile.',
    es: 'Cualquier valor conecta. Valores de prueba: "invalid" se rechaza, "slow" tarda unos 3 segundos, "outage" simula un sistema inaccesible.',
  },
  size: { en: 'Company size', de: 'Unternehmensgröße', fr: "Taille de l'entreprise", it: "Dimensione dell'azienda", es: 'Tamaño de la empresa' },
  sizeHelp: {
    en: 'How many employees the simulated company has.',
    de: 'Wie viele Mitarbeitende das simulierte Unternehmen hat.',
    fr: "Nombre d'employés de l'entreprise simulée.",
    it: "Quanti dipendenti ha l'azienda simulata.",
    es: 'Cuántos empleados tiene la empresa simulada.',
  },
  employees: { en: 'employees', de: 'Mitarbeitende', fr: 'employés', it: 'dipendenti', es: 'empleados' },
  seed: { en: 'Seed (optional)', de: 'Seed (optional)', fr: 'Graine (facultatif)', it: 'Seed (facoltativo)', es: 'Semilla (opcional)' },
  seedHelp: {
    en: 'The same seed always produces the same company. Leave empty for a company unique to this integration.',
    de: 'Derselbe Seed erzeugt immer dasselbe Unternehmen. Leer lassen für ein Unternehmen, das nur zu dieser Integration gehört.',
    fr: 'La même graine produit toujours la même entreprise. Laissez vide pour une entreprise propre à cette intégration.',
    it: "Lo stesso seed produce sempre la stessa azienda. Lascia vuoto per un'azienda unica per questa integrazione.",
    es: 'La misma semilla produce siempre la misma empresa. Déjela vacía para una empresa exclusiva de esta integración.',
  },
  seedPlaceholder: { en: 'e.g. demo-1', de: 'z. B. demo-1', fr: 'p. ex. demo-1', it: 'ad es. demo-1', es: 'p. ej. demo-1' },
  subdomainPlaceholder: { en: 'e.g. acme', de: 'z. B. acme', fr: 'p. ex. acme', it: 'ad es. acme', es: 'p. ej. acme' },
  region: { en: 'Region (optional)', de: 'Region (optional)', fr: 'Région (facultatif)', it: 'Regione (facoltativo)', es: 'Región (opcional)' },
  regionHelp: {
    en: 'Where the simulated company is based; shapes names, addresses and currencies.',
    de: 'Wo das simulierte Unternehmen sitzt; prägt Namen, Adressen und Währungen.',
    fr: "Où l'entreprise simulée est implantée ; influence les noms, adresses et devises.",
    it: "Dove ha sede l'azienda simulata; influenza nomi, indirizzi e valute.",
    es: 'Dónde tiene su sede la empresa simulada; determina nombres, direcciones y monedas.',
  },
  eu: { en: 'Europe', de: 'Europa', fr: 'Europe', it: 'Europa', es: 'Europa' },
  us: { en: 'United States', de: 'Vereinigte Staaten', fr: 'États-Unis', it: 'Stati Uniti', es: 'Estados Unidos' },
} satisfies Record<string, Texts>;

const numberFormat = (language: FlowLanguage, n: string) => new Intl.NumberFormat(language).format(Number(n));

/**
 * The Sandbox credential form: one field of every kind the flow supports (subdomain with affixes,
 * secret, select with a default, optional text, optional select).
 */
export function sandboxCredentialFields(language: FlowLanguage): CredentialField[] {
  const t = (texts: Texts) => pick(texts, language);
  return [
    {
      key: 'company_subdomain',
      type: 'subdomain',
      label: t(L.subdomain),
      required: true,
      // An example, marked as one: a bare "acme" in the box reads as if it were already typed.
      placeholder: t(L.subdomainPlaceholder),
      help: t(L.subdomainHelp),
      prefix: 'https://',
      suffix: SANDBOX_DOMAIN_SUFFIX,
    },
    { key: 'api_key', type: 'secret', label: t(L.apiKey), required: true, help: t(L.apiKeyHelp) },
    {
      key: 'company_size',
      type: 'select',
      label: t(L.size),
      required: true,
      help: t(L.sizeHelp),
      options: SANDBOX_COMPANY_SIZES.map((value) => ({ value, label: `${numberFormat(language, value)} ${t(L.employees)}` })),
      default: '250',
    },
    { key: 'seed', type: 'text', label: t(L.seed), required: false, placeholder: t(L.seedPlaceholder), help: t(L.seedHelp) },
    {
      key: 'region',
      type: 'select',
      label: t(L.region),
      required: false,
      help: t(L.regionHelp),
      options: SANDBOX_REGIONS.map((value) => ({ value, label: t(L[value]) })),
    },
  ];
}
