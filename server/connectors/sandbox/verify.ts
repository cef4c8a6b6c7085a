import { setTimeout as delay } from 'node:timers/promises';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { pick } from './texts.ts';

/** How long the `slow` magic API key makes verification take. */
export const SANDBOX_SLOW_VERIFY_MS = 3_000;

/**
 * Documented `api_key` values that let developers exercise their error handling:
 * `invalid` is rejected, `slow` verifies after ~3 s, `outage` reports the remote system unreachable.
 */
export const SANDBOX_MAGIC_API_KEYS = { invalid: 'invalid', slow: 'slow', outage: 'outage' } as const;

const MESSAGES = {
  rejected: {
    en: 'Sandbox HR rejected this API key. Check that it was copied completely.',
    de: 'Sandbox HR hat diesen API-Schlüssel abgelehnt. Prüfen Sie, ob er vollständig kopiert wurde.',
    fr: "Sandbox HR a refusé cette clé API. Vérifiez qu'elle a été copiée en entier.",
    it: 'Sandbox HR ha rifiutato questa chiave API. Verifica che sia stata copiata per intero.',
    es: 'Sandbox HR ha rechazado esta clave de API. Compruebe que se haya copiado completa.',
  },
  invalid: {
    en: 'The credentials were not accepted.',
    de: 'Die Zugangsdaten wurden nicht akzeptiert.',
    fr: "Les identifiants n'ont pas été acceptés.",
    it: 'Le credenziali non sono state accettate.',
    es: 'Las credenciales no fueron aceptadas.',
  },
  outage: {
    en: 'Sandbox HR is not reachable right now. Please try again in a few minutes.',
    de: 'Sandbox HR ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.',
    fr: 'Sandbox HR est injoignable pour le moment. Veuillez réessayer dans quelques minutes.',
    it: 'Sandbox HR non è raggiungibile in questo momento. Riprova tra qualche minuto.',
    es: 'Sandbox HR no está disponible en este momento. Vuelva a intentarlo en unos minutos.',
  },
};

/** Simulates the remote check: any non-empty key passes except the documented magic values. */
export async function verifySandboxCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  const language = context.language ?? 'en';
  switch (credentials.api_key) {
    case SANDBOX_MAGIC_API_KEYS.invalid:
      return {
        status: 'invalid_credentials',
        message: pick(MESSAGES.invalid, language),
        fieldErrors: { api_key: pick(MESSAGES.rejected, language) },
      };
    case SANDBOX_MAGIC_API_KEYS.outage:
      return { status: 'remote_unavailable', message: pick(MESSAGES.outage, language) };
    case SANDBOX_MAGIC_API_KEYS.slow:
      // Rejects with an AbortError when the caller gives up, so no timer outlives the request.
      await delay(SANDBOX_SLOW_VERIFY_MS, undefined, { signal: context.signal });
      return { status: 'ok' };
    default:
      return { status: 'ok' };
  }
}
