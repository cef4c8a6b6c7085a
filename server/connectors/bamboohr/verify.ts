import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { bambooClient } from './client.ts';

const KEY_REJECTED = {
  en: 'BambooHR rejected this API key. Check that it was copied completely and is still active.',
  de: 'BambooHR hat diesen API-Schlüssel abgelehnt. Prüfen Sie, ob er vollständig kopiert wurde und noch aktiv ist.',
  fr: "BambooHR a refusé cette clé API. Vérifiez qu'elle a été copiée en entier et qu'elle est toujours active.",
  it: 'BambooHR ha rifiutato questa chiave API. Verifica che sia stata copiata per intero e sia ancora attiva.',
  es: 'BambooHR ha rechazado esta clave de API. Compruebe que se haya copiado completa y siga activa.',
};

const KEY_FORBIDDEN = {
  en: "This API key's user may not read company data. Create the key as a full administrator.",
  de: 'Der Benutzer dieses API-Schlüssels darf keine Firmendaten lesen. Erstellen Sie den Schlüssel als Vollzugriffs-Administrator.',
  fr: "L'utilisateur de cette clé API ne peut pas lire les données de l'entreprise. Créez la clé en tant qu'administrateur complet.",
  it: "L'utente di questa chiave API non può leggere i dati aziendali. Crea la chiave come amministratore completo.",
  es: 'El usuario de esta clave de API no puede leer los datos de la empresa. Cree la clave como administrador completo.',
};

const UNKNOWN_COMPANY = {
  en: 'BambooHR knows no company with this subdomain. Use the first part of your BambooHR address.',
  de: 'BambooHR kennt kein Unternehmen mit dieser Subdomain. Verwenden Sie den ersten Teil Ihrer BambooHR-Adresse.',
  fr: "BambooHR ne connaît aucune entreprise avec ce sous-domaine. Utilisez la première partie de votre adresse BambooHR.",
  it: 'BambooHR non conosce alcuna azienda con questo sottodominio. Usa la prima parte del tuo indirizzo BambooHR.',
  es: 'BambooHR no conoce ninguna empresa con este subdominio. Use la primera parte de su dirección de BambooHR.',
};

/** Probes `GET /api/v1/meta/fields` (the call PostHog's connector validates with [3p]): 401 key, 403 access, 404 company. */
export function verifyBamboohrCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'BambooHR',
    context.language ?? 'en',
    async () => {
      const client = bambooClient(runtimeOf(context), null, credentials, context.signal);
      await client.http.request({ url: `${client.base}/api/v1/meta/fields` });
    },
    (err) => {
      if (err.kind === 'credentials_rejected' && err.details.status === undefined) return { field: 'company_subdomain', message: UNKNOWN_COMPANY };
      if (err.kind === 'credentials_rejected') return { field: 'api_key', message: KEY_REJECTED };
      if (err.kind === 'permission_missing') return { field: 'api_key', message: KEY_FORBIDDEN };
      if (err.kind === 'bad_data' && err.details.status === 404) return { field: 'company_subdomain', message: UNKNOWN_COMPANY };
      return null;
    },
  );
}
