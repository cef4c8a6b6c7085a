import type { FlowLanguage, VerifyResult } from '../types.ts';
import { RemoteError } from '../remote-error.ts';

type Texts = Record<FlowLanguage, string>;

const pick = (texts: Texts, language: FlowLanguage) => texts[language] ?? texts.en;

const INVALID: Texts = {
  en: 'The credentials were not accepted.',
  de: 'Die Zugangsdaten wurden nicht akzeptiert.',
  fr: "Les identifiants n'ont pas été acceptés.",
  it: 'Le credenziali non sono state accettate.',
  es: 'Las credenciales no fueron aceptadas.',
};

const UNAVAILABLE = (tool: string): Texts => ({
  en: `${tool} is not reachable right now. Please try again in a few minutes.`,
  de: `${tool} ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.`,
  fr: `${tool} est injoignable pour le moment. Veuillez réessayer dans quelques minutes.`,
  it: `${tool} non è raggiungibile in questo momento. Riprova tra qualche minuto.`,
  es: `${tool} no está disponible en este momento. Vuelva a intentarlo en unos minutos.`,
});

/** Which field a rejection is about, and what to tell the end user there. */
export interface Rejection {
  field: string;
  message: Texts;
}

/**
 * Runs a tool's credential probe and turns its failures into the flow's results: `rejected(error)` names
 * the field to blame (or null when the failure is not about the credentials), everything else that
 * fails is the tool being unavailable, so the customer's input is kept for a retry.
 */
export async function verifyWith(
  tool: string,
  language: FlowLanguage,
  probe: () => Promise<unknown>,
  rejected: (error: RemoteError) => Rejection | null,
): Promise<VerifyResult> {
  try {
    await probe();
    return { status: 'ok' };
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    const rejection = rejected(err);
    if (rejection) return { status: 'invalid_credentials', message: pick(INVALID, language), fieldErrors: { [rejection.field]: pick(rejection.message, language) } };
    return { status: 'remote_unavailable', message: pick(UNAVAILABLE(tool), language) };
  }
}
