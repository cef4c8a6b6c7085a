import { type ServerTextKey, translator } from '../../i18n/translate.ts';
import type { CredentialField, FlowLanguage } from '../types.ts';

/** Domain every simulated Sandbox company lives under (shown as the subdomain field's suffix). */
export const SANDBOX_DOMAIN_SUFFIX = '.sandbox-hr.test';

/** Company sizes a developer can choose; the value is the number of employees. */
export const SANDBOX_COMPANY_SIZES = ['50', '250', '1000', '10000'] as const;

/** Regions the simulated company can be based in. */
export const SANDBOX_REGIONS = ['eu', 'us'] as const;

/** The form's texts, as keys of the server catalogues. */
const L = {
  subdomain: 'sandbox.subdomain',
  subdomainHelp: 'sandbox.subdomainHelp',
  apiKey: 'sandbox.apiKey',
  apiKeyHelp: 'sandbox.apiKeyHelp',
  size: 'sandbox.size',
  sizeHelp: 'sandbox.sizeHelp',
  employees: 'sandbox.employees',
  seed: 'sandbox.seed',
  seedHelp: 'sandbox.seedHelp',
  seedPlaceholder: 'sandbox.seedPlaceholder',
  subdomainPlaceholder: 'sandbox.subdomainPlaceholder',
  region: 'sandbox.region',
  regionHelp: 'sandbox.regionHelp',
  eu: 'sandbox.eu',
  us: 'sandbox.us',
} as const satisfies Record<string, ServerTextKey>;

const numberFormat = (language: FlowLanguage, n: string) => new Intl.NumberFormat(language).format(Number(n));

/**
 * The Sandbox credential form: one field of every kind the flow supports (subdomain with affixes,
 * secret, select with a default, optional text, optional select).
 */
export function sandboxCredentialFields(language: FlowLanguage): CredentialField[] {
  const t = translator(language);
  return [
    {
      key: 'company_subdomain',
      type: 'subdomain',
      label: t(L.subdomain),
      required: true,
      // An example, marked as one: a bare "acme" in the box reads as if it were already typed.
      placeholder: t(L.subdomainPlaceholder),
      help: t(L.subdomainHelp),
      prefix: 'https://',
      suffix: SANDBOX_DOMAIN_SUFFIX,
    },
    { key: 'api_key', type: 'secret', label: t(L.apiKey), required: true, help: t(L.apiKeyHelp) },
    {
      key: 'company_size',
      type: 'select',
      label: t(L.size),
      required: true,
      help: t(L.sizeHelp),
      options: SANDBOX_COMPANY_SIZES.map((value) => ({ value, label: `${numberFormat(language, value)} ${t(L.employees)}` })),
      default: '250',
    },
    { key: 'seed', type: 'text', label: t(L.seed), required: false, placeholder: t(L.seedPlaceholder), help: t(L.seedHelp) },
    {
      key: 'region',
      type: 'select',
      label: t(L.region),
      required: false,
      help: t(L.regionHelp),
      options: SANDBOX_REGIONS.map((value) => ({ value, label: t(L[value]) })),
    },
  ];
}
