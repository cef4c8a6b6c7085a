import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { HIBOB_API, hibobClient } from './client.ts';

const REJECTED = {
  en: 'HiBob rejected this service user ID and token. Check that both were copied completely.',
  de: 'HiBob hat diese Service-User-ID und dieses Token abgelehnt. Prüfen Sie, ob beide vollständig kopiert wurden.',
  fr: "HiBob a refusé cet identifiant d'utilisateur de service et ce jeton. Vérifiez qu'ils ont été copiés en entier.",
  it: 'HiBob ha rifiutato questo ID utente di servizio e questo token. Verifica che siano stati copiati per intero.',
  es: 'HiBob ha rechazado este ID de usuario de servicio y este token. Compruebe que se hayan copiado completos.',
};

const NO_PERMISSION = {
  en: 'This service user may not read employees. Add it to a permission group that can view people data.',
  de: 'Dieser Service-User darf keine Mitarbeitenden lesen. Fügen Sie ihn einer Berechtigungsgruppe hinzu, die Personendaten sehen darf.',
  fr: 'Cet utilisateur de service ne peut pas lire les employés. Ajoutez-le à un groupe de permissions autorisé à voir les données des personnes.',
  it: 'Questo utente di servizio non può leggere i dipendenti. Aggiungilo a un gruppo di permessi che può vedere i dati delle persone.',
  es: 'Este usuario de servicio no puede leer empleados. Añádalo a un grupo de permisos que pueda ver los datos de personas.',
};

/** Probes the named lists (metadata, no data permission needed [docs]), then one employee search (403: no permission). */
export function verifyHibobCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'HiBob',
    context.language ?? 'en',
    async () => {
      const http = hibobClient(runtimeOf(context), null, credentials, context.signal);
      await http.request({ url: `${HIBOB_API}/company/named-lists` });
      await http.request({ method: 'POST', url: `${HIBOB_API}/people/search`, json: { fields: ['root.id'], showInactive: false } });
    },
    (err) => {
      if (err.kind === 'credentials_rejected') return { field: 'service_user_token', message: REJECTED };
      if (err.kind === 'permission_missing') return { field: 'service_user_id', message: NO_PERMISSION };
      return null;
    },
  );
}
