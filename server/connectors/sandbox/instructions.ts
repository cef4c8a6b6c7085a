import type { FlowLanguage } from '../types.ts';
import { pick, type Texts } from './texts.ts';

const STEPS: Texts[] = [
  {
    en: 'Sandbox HR is a simulated HR system for testing: no account or real data is needed.',
    de: 'Sandbox HR ist ein simuliertes HR-System zum Testen: Sie brauchen kein Konto und keine echten Daten.',
    fr: "Sandbox HR est un système RH simulé pour les tests : aucun compte ni donnée réelle n'est nécessaire.",
    it: 'Sandbox HR è un sistema HR simulato per i test: non servono un account né dati reali.',
    es: 'Sandbox HR es un sistema de RR. HH. simulado para pruebas: no necesita cuenta ni datos reales.',
  },
  {
    en: 'Enter any subdomain, for example "acme". Letters, digits and hyphens are allowed.',
    de: 'Geben Sie eine beliebige Subdomain ein, zum Beispiel "acme". Erlaubt sind Buchstaben, Ziffern und Bindestriche.',
    fr: 'Saisissez un sous-domaine quelconque, par exemple « acme ». Lettres, chiffres et tirets sont autorisés.',
    it: 'Inserisci un sottodominio qualsiasi, ad esempio "acme". Sono ammessi lettere, cifre e trattini.',
    es: 'Introduzca cualquier subdominio, por ejemplo "acme". Se permiten letras, dígitos y guiones.',
  },
  {
    en: 'Enter any API key. To test error handling use "invalid" (rejected), "slow" (takes about 3 seconds) or "outage" (system unreachable).',
    de: 'Geben Sie einen beliebigen API-Schlüssel ein. Zum Testen der Fehlerbehandlung: "invalid" (abgelehnt), "slow" (dauert etwa 3 Sekunden) oder "outage" (System nicht erreichbar).',
    fr: "Saisissez une clé API quelconque. Pour tester la gestion des erreurs : « invalid » (refusée), « slow » (environ 3 secondes) ou « outage » (système injoignable).",
    it: 'Inserisci una chiave API qualsiasi. Per provare la gestione degli errori usa "invalid" (rifiutata), "slow" (circa 3 secondi) o "outage" (sistema non raggiungibile).',
    es: 'Introduzca cualquier clave de API. Para probar la gestión de errores use "invalid" (rechazada), "slow" (tarda unos 3 segundos) u "outage" (sistema inaccesible).',
  },
  {
    en: 'Choose the company size. Optionally enter a seed to get the same company every time, and a region.',
    de: 'Wählen Sie die Unternehmensgröße. Optional: ein Seed für immer dasselbe Unternehmen und eine Region.',
    fr: "Choisissez la taille de l'entreprise. Facultatif : une graine pour obtenir toujours la même entreprise, et une région.",
    it: "Scegli la dimensione dell'azienda. Facoltativo: un seed per ottenere sempre la stessa azienda e una regione.",
    es: 'Elija el tamaño de la empresa. Opcional: una semilla para obtener siempre la misma empresa y una región.',
  },
];

/** How to "obtain" Sandbox credentials, including the documented magic API keys. */
export function sandboxInstructions(language: FlowLanguage): string[] {
  return STEPS.map((step) => pick(step, language));
}
