import type { CredentialField } from '../../protocol/flow-api.ts';
import type { Messages } from '../i18n/en.ts';
import { format } from '../i18n/i18n.ts';

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * Checks the form before it is sent, the way the server will: required fields filled, URLs complete,
 * subdomains without dots or slashes. Returns a message per failing field key (empty when all pass).
 */
export function validateCredentials(fields: readonly CredentialField[], values: Readonly<Record<string, string>>, messages: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.key] ?? '').trim();
    if (!value) {
      if (field.required) errors[field.key] = format(messages.fieldRequired, { field: field.label });
    } else if (field.type === 'url' && !isWebUrl((field.prefix ?? '') + value)) {
      errors[field.key] = messages.fieldUrl;
    } else if (field.type === 'subdomain' && !SUBDOMAIN.test(value)) {
      errors[field.key] = messages.fieldSubdomain;
    }
  }
  return errors;
}

/** The credentials to submit: every field with a non-blank value, trimmed; blank optional fields are left out. */
export function credentialsToSubmit(fields: readonly CredentialField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.key] ?? '').trim();
    if (value) out[field.key] = value;
  }
  return out;
}
