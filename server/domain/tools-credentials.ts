import type { CredentialField, FlowLanguage } from '../connectors/types.ts';
import { translate } from '../i18n/translate.ts';

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
      if (field.required) fieldErrors[field.key] = translate(language, 'check.required');
      continue;
    }
    if (field.type === 'select' && field.options && !field.options.some((o) => o.value === value)) {
      fieldErrors[field.key] = translate(language, 'check.option');
    } else if (field.type === 'subdomain' && !DNS_LABEL.test(value)) {
      fieldErrors[field.key] = translate(language, 'check.subdomain');
    } else if (field.type === 'url' && !isWebUrl(value)) {
      fieldErrors[field.key] = translate(language, 'check.url');
    }
    values[field.key] = field.type === 'subdomain' ? value.toLowerCase() : value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, message: translate(language, 'check.summary'), fieldErrors } : { ok: true, values };
}
