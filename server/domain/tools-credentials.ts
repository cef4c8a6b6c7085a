import type { CredentialField, FlowLanguage } from '../connectors/types.ts';

type Messages = Record<FlowLanguage, string>;

const MESSAGES = {
  required: {
    en: 'This field is required.',
    de: 'Dieses Feld ist erforderlich.',
    fr: 'Ce champ est obligatoire.',
    it: 'Questo campo è obbligatorio.',
    es: 'Este campo es obligatorio.',
  },
  option: {
    en: 'Choose one of the listed options.',
    de: 'Wählen Sie eine der angebotenen Optionen.',
    fr: "Choisissez l'une des options proposées.",
    it: 'Scegli una delle opzioni elencate.',
    es: 'Elija una de las opciones de la lista.',
  },
  subdomain: {
    en: 'Use only letters, digits and hyphens (not at the start or end), at most 63 characters.',
    de: 'Nur Buchstaben, Ziffern und Bindestriche (nicht am Anfang oder Ende), höchstens 63 Zeichen.',
    fr: 'Utilisez uniquement des lettres, chiffres et tirets (pas au début ni à la fin), 63 caractères au plus.',
    it: 'Usa solo lettere, cifre e trattini (non all’inizio o alla fine), al massimo 63 caratteri.',
    es: 'Use solo letras, dígitos y guiones (no al principio ni al final), como máximo 63 caracteres.',
  },
  url: {
    en: 'Enter a full web address starting with https://.',
    de: 'Geben Sie eine vollständige Webadresse ein, die mit https:// beginnt.',
    fr: 'Saisissez une adresse web complète commençant par https://.',
    it: 'Inserisci un indirizzo web completo che inizi con https://.',
    es: 'Introduzca una dirección web completa que empiece por https://.',
  },
  summary: {
    en: 'Some fields need your attention.',
    de: 'Einige Felder müssen korrigiert werden.',
    fr: 'Certains champs doivent être corrigés.',
    it: 'Alcuni campi devono essere corretti.',
    es: 'Algunos campos necesitan corrección.',
  },
} satisfies Record<string, Messages>;

/** A DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
}

/** The outcome of checking submitted values against a tool's credential form. */
export type CredentialCheck =
  | { ok: true; values: Record<string, string> }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Checks submitted values against the form before the tool is asked: trims them, applies select
 * defaults, lower-cases subdomains, and drops keys the form does not define (so nothing unexpected is
 * stored). Problems come back per field, in `language`, for the flow to show next to each input.
 */
export function checkCredentials(fields: readonly CredentialField[], submitted: Readonly<Record<string, string>>, language: FlowLanguage): CredentialCheck {
  const values: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const field of fields) {
    const raw = Object.hasOwn(submitted, field.key) ? submitted[field.key]! : '';
    let value = raw.trim();
    if (value === '' && field.default !== undefined) value = field.default;
    if (value === '') {
      if (field.required) fieldErrors[field.key] = MESSAGES.required[language];
      continue;
    }
    if (field.type === 'select' && field.options && !field.options.some((o) => o.value === value)) {
      fieldErrors[field.key] = MESSAGES.option[language];
    } else if (field.type === 'subdomain' && !DNS_LABEL.test(value)) {
      fieldErrors[field.key] = MESSAGES.subdomain[language];
    } else if (field.type === 'url' && !isWebUrl(value)) {
      fieldErrors[field.key] = MESSAGES.url[language];
    }
    values[field.key] = field.type === 'subdomain' ? value.toLowerCase() : value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, message: MESSAGES.summary[language], fieldErrors } : { ok: true, values };
}
