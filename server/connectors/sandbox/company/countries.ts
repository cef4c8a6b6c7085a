import type { Faker } from '@faker-js/faker';
import { faker as de } from '@faker-js/faker/locale/de';
import { faker as en_AU } from '@faker-js/faker/locale/en_AU';
import { faker as en_CA } from '@faker-js/faker/locale/en_CA';
import { faker as en_GB } from '@faker-js/faker/locale/en_GB';
import { faker as en_US } from '@faker-js/faker/locale/en_US';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as nl } from '@faker-js/faker/locale/nl';
import { fastRandomizer } from './random.ts';
import type { SandboxAddress } from './types.ts';

/** Everything that differs between the countries the simulated company employs people in. */
export interface CountryProfile {
  code: string;
  /** Seeded per entity before every use; generation is synchronous, so sharing one instance is safe. */
  faker: Faker;
  currency: string;
  entitySuffix: string;
  /** Standard full-time weekly hours. */
  weeklyHours: number;
  payCycle: 'monthly' | 'biweekly' | 'semimonthly';
  /** Annual salary multiplier against the company's base (cost of labour). */
  payFactor: number;
  vacationDays: number;
  utcOffset: string;
  preferredLanguage: string;
  /** Offices: real cities with a plausible street address. */
  offices: SandboxAddress[];
  privateMailDomains: string[];
}

/**
 * A seedable Faker speaking the language of a prebuilt one (its locale, then English, then the base
 * data). Faker's main entry loads all of its seventy-odd locales, about 24 MB in every thread that
 * generates a company; each per-locale entry loads only its own chain. The class comes from the
 * prebuilt instance, as the main entry would load everything to export it.
 */
const fakerFor = (prebuilt: Faker): Faker => {
  const FakerClass = prebuilt.constructor as typeof Faker;
  return new FakerClass({ locale: prebuilt.rawDefinitions, randomizer: fastRandomizer() });
};

const office = (street: string, postalCode: string, city: string, state: string | null, country: string): SandboxAddress => ({
  street, street2: null, city, postalCode, state, country,
});

/** Countries in the order legal entities are opened as the company grows. */
export const COUNTRIES: CountryProfile[] = [
  {
    code: 'DE', faker: fakerFor(de), currency: 'EUR', entitySuffix: 'GmbH', weeklyHours: 40, payCycle: 'monthly',
    payFactor: 1, vacationDays: 28, utcOffset: '+01:00', preferredLanguage: 'de',
    offices: [office('Sonnenallee 63', '12045', 'Berlin', 'Berlin', 'DE'), office('Leopoldstraße 31', '80802', 'München', 'Bayern', 'DE'),
      office('Speicherstadt 12', '20457', 'Hamburg', 'Hamburg', 'DE')],
    privateMailDomains: ['gmx.de', 'web.de', 'gmail.com', 't-online.de'],
  },
  {
    code: 'GB', faker: fakerFor(en_GB), currency: 'GBP', entitySuffix: 'Ltd', weeklyHours: 37.5, payCycle: 'monthly',
    payFactor: 0.95, vacationDays: 25, utcOffset: '+00:00', preferredLanguage: 'en',
    offices: [office('1 Finsbury Avenue', 'EC2M 2PF', 'London', 'Greater London', 'GB'), office('15 Piccadilly', 'M1 1LY', 'Manchester', 'Greater Manchester', 'GB')],
    privateMailDomains: ['gmail.com', 'outlook.com', 'btinternet.com', 'yahoo.co.uk'],
  },
  {
    code: 'US', faker: fakerFor(en_US), currency: 'USD', entitySuffix: 'Inc.', weeklyHours: 40, payCycle: 'biweekly',
    payFactor: 1.35, vacationDays: 15, utcOffset: '-05:00', preferredLanguage: 'en',
    offices: [office('285 Fulton Street', '10007', 'New York', 'NY', 'US'), office('500 Howard Street', '94105', 'San Francisco', 'CA', 'US'),
      office('1100 Congress Avenue', '78701', 'Austin', 'TX', 'US')],
    privateMailDomains: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'],
  },
  {
    code: 'FR', faker: fakerFor(fr), currency: 'EUR', entitySuffix: 'SAS', weeklyHours: 35, payCycle: 'monthly',
    payFactor: 0.95, vacationDays: 25, utcOffset: '+01:00', preferredLanguage: 'fr',
    offices: [office('12 Rue de la Paix', '75002', 'Paris', 'Île-de-France', 'FR'), office('8 Quai Saint-Antoine', '69002', 'Lyon', 'Auvergne-Rhône-Alpes', 'FR')],
    privateMailDomains: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net'],
  },
  {
    code: 'NL', faker: fakerFor(nl), currency: 'EUR', entitySuffix: 'B.V.', weeklyHours: 38, payCycle: 'monthly',
    payFactor: 1, vacationDays: 25, utcOffset: '+01:00', preferredLanguage: 'nl',
    offices: [office('Herengracht 182', '1016 BR', 'Amsterdam', 'Noord-Holland', 'NL')],
    privateMailDomains: ['gmail.com', 'ziggo.nl', 'kpnmail.nl'],
  },
  {
    code: 'CA', faker: fakerFor(en_CA), currency: 'CAD', entitySuffix: 'Ltd.', weeklyHours: 40, payCycle: 'biweekly',
    payFactor: 1.1, vacationDays: 15, utcOffset: '-05:00', preferredLanguage: 'en',
    offices: [office('100 King Street West', 'M5X 1A9', 'Toronto', 'ON', 'CA')],
    privateMailDomains: ['gmail.com', 'outlook.com', 'rogers.com'],
  },
  {
    code: 'ES', faker: fakerFor(es), currency: 'EUR', entitySuffix: 'S.L.', weeklyHours: 40, payCycle: 'monthly',
    payFactor: 0.75, vacationDays: 23, utcOffset: '+01:00', preferredLanguage: 'es',
    offices: [office('Calle de Alcalá 45', '28014', 'Madrid', 'Comunidad de Madrid', 'ES'), office('Carrer de Pallars 99', '08018', 'Barcelona', 'Cataluña', 'ES')],
    privateMailDomains: ['gmail.com', 'hotmail.es', 'yahoo.es'],
  },
  {
    code: 'AU', faker: fakerFor(en_AU), currency: 'AUD', entitySuffix: 'Pty Ltd', weeklyHours: 38, payCycle: 'biweekly',
    payFactor: 1.15, vacationDays: 20, utcOffset: '+10:00', preferredLanguage: 'en',
    offices: [office('1 Martin Place', '2000', 'Sydney', 'NSW', 'AU')],
    privateMailDomains: ['gmail.com', 'bigpond.com', 'outlook.com'],
  },
];

/** How many countries a company of a given size operates in. */
export function countriesForSize(size: number): CountryProfile[] {
  const count = size <= 50 ? 2 : size <= 250 ? 4 : size <= 1000 ? 6 : 8;
  return COUNTRIES.slice(0, count);
}

/** ASCII-only lower-case local part for e-mail addresses (`Jürgen Groß` -> `juergen.gross`). */
export function emailLocalPart(...names: string[]): string {
  return names
    .map((n) =>
      n
        .toLowerCase()
        .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/[^a-z0-9]/g, ''),
    )
    .filter(Boolean)
    .join('.');
}
