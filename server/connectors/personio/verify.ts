import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { PERSONIO_ORIGIN, personioClient } from './client.ts';

const REJECTED = {
  en: 'Personio rejected this client ID and secret. Check that both were copied completely and the credential is active.',
  de: 'Personio hat diese Client-ID und dieses Secret abgelehnt. Prüfen Sie, ob beide vollständig kopiert wurden und die Zugangsdaten aktiv sind.',
  fr: "Personio a refusé cet identifiant client et ce secret. Vérifiez qu'ils ont été copiés en entier et que l'accès est actif.",
  it: 'Personio ha rifiutato questo client ID e questo secret. Verifica che siano stati copiati per intero e che la credenziale sia attiva.',
  es: 'Personio ha rechazado este ID de cliente y este secreto. Compruebe que se hayan copiado completos y que la credencial esté activa.',
};

const NO_EMPLOYEE_ACCESS = {
  en: 'This credential may not read employees. Give it read access to employees in Personio.',
  de: 'Diese Zugangsdaten dürfen keine Mitarbeitenden lesen. Erteilen Sie in Personio Lesezugriff auf Mitarbeitende.',
  fr: 'Cet accès ne peut pas lire les employés. Accordez-lui la lecture des employés dans Personio.',
  it: 'Questa credenziale non può leggere i dipendenti. Concedile l’accesso in lettura ai dipendenti in Personio.',
  es: 'Esta credencial no puede leer empleados. Concédale acceso de lectura a empleados en Personio.',
};

/** Gets a token (400/401: wrong pair), then reads one employee (403: no employee access), as notes §1.5 suggest. */
export function verifyPersonioCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'Personio',
    context.language ?? 'en',
    async () => {
      const http = personioClient(runtimeOf(context), null, credentials, context.signal);
      await http.request({ url: `${PERSONIO_ORIGIN}/v1/company/employees`, query: { limit: 1, offset: 0 } });
    },
    (err) => {
      if (err.kind === 'credentials_rejected') return { field: 'client_secret', message: REJECTED };
      if (err.kind === 'permission_missing') return { field: 'client_id', message: NO_EMPLOYEE_ACCESS };
      return null;
    },
  );
}
