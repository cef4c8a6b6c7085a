import type { FlowLanguage } from '../types.ts';
import { type ServerTextKey, translate } from '../../i18n/translate.ts';

const STEPS: ServerTextKey[] = [
  'sandbox.step1',
  'sandbox.step2',
  'sandbox.step3',
  'sandbox.step4',
];

/** How to "obtain" Sandbox credentials, including the documented magic API keys. */
export function sandboxInstructions(language: FlowLanguage): string[] {
  return STEPS.map((step) => translate(language, step));
}
