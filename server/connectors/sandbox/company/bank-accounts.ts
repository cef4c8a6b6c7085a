import type { Rng } from './random.ts';
import type { SandboxBankAccount } from './types.ts';

/** `n` random decimal digits (chunks of up to 9 per draw). */
const digits = (rng: Rng, n: number): string => {
  let out = '';
  for (let left = n; left > 0; left -= 9) {
    const k = Math.min(9, left);
    out += String(Math.floor(rng.next() * 10 ** k)).padStart(k, '0');
  }
  return out;
};

/** ISO 13616 check digits: move the country code to the end, letters to numbers, 98 - (n mod 97). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}

const iban = (country: string, bban: string) => `${country}${ibanCheckDigits(country, bban)}${bban}`;

/** ABA routing numbers carry a weighted (3,7,1) checksum in the ninth digit. */
export function abaRoutingNumber(rng: Rng): string {
  const first = String(rng.int(1, 12)).padStart(2, '0') + digits(rng, 6);
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first[i]) * w[i]!;
  return first + String((10 - (sum % 10)) % 10);
}

interface Bank {
  name: string;
  bic: string;
  /** Bank code as it appears in the BBAN / domestic routing number. */
  code: string;
}

const BANKS: Record<string, Bank[]> = {
  DE: [
    { name: 'Commerzbank', bic: 'COBADEFFXXX', code: '10040000' },
    { name: 'Deutsche Bank', bic: 'DEUTDEBBXXX', code: '10070000' },
    { name: 'Berliner Sparkasse', bic: 'BELADEBEXXX', code: '10050000' },
    { name: 'ING-DiBa', bic: 'INGDDEFFXXX', code: '50010517' },
  ],
  GB: [
    { name: 'Barclays', bic: 'BARCGB22', code: 'BARC' },
    { name: 'HSBC UK', bic: 'HBUKGB4B', code: 'HBUK' },
    { name: 'Lloyds Bank', bic: 'LOYDGB2L', code: 'LOYD' },
  ],
  FR: [
    { name: 'BNP Paribas', bic: 'BNPAFRPPXXX', code: '30004' },
    { name: 'Société Générale', bic: 'SOGEFRPPXXX', code: '30003' },
    { name: 'Crédit Agricole', bic: 'AGRIFRPPXXX', code: '30006' },
  ],
  NL: [
    { name: 'ING Bank', bic: 'INGBNL2A', code: 'INGB' },
    { name: 'ABN AMRO', bic: 'ABNANL2A', code: 'ABNA' },
    { name: 'Rabobank', bic: 'RABONL2U', code: 'RABO' },
  ],
  ES: [
    { name: 'CaixaBank', bic: 'CAIXESBBXXX', code: '2100' },
    { name: 'Banco Santander', bic: 'BSCHESMMXXX', code: '0049' },
  ],
  US: [
    { name: 'Chase', bic: 'CHASUS33', code: '' },
    { name: 'Bank of America', bic: 'BOFAUS3N', code: '' },
    { name: 'Wells Fargo', bic: 'WFBIUS6S', code: '' },
  ],
  CA: [
    { name: 'Royal Bank of Canada', bic: 'ROYCCAT2', code: '003' },
    { name: 'TD Canada Trust', bic: 'TDOMCATTTOR', code: '004' },
  ],
  AU: [
    { name: 'Commonwealth Bank', bic: 'CTBAAU2S', code: '06' },
    { name: 'Westpac', bic: 'WPACAU2S', code: '03' },
  ],
};

/**
 * A bank account in the country's own format: IBAN + BIC (+ Bankleitzahl / sort code / RIB) in Europe,
 * ABA routing + account number in the US, transit routing in Canada, BSB in Australia.
 */
export function bankAccount(rng: Rng, country: string, holder: string): SandboxBankAccount {
  const bank = rng.pick(BANKS[country] ?? BANKS.DE!);
  const base = { holder, bankName: bank.name };
  switch (country) {
    case 'GB': {
      const sort = `${rng.int(10, 99)}${digits(rng, 4)}`;
      const account = digits(rng, 8);
      return { ...base, iban: iban('GB', `${bank.code}${sort}${account}`), bic: bank.bic, accountNumber: account,
        routing: { scheme: 'sort_code', code: `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)}` } };
    }
    case 'FR': {
      const guichet = digits(rng, 5);
      const account = digits(rng, 11);
      const key = digits(rng, 2);
      return { ...base, iban: iban('FR', `${bank.code}${guichet}${account}${key}`), bic: bank.bic, accountNumber: account,
        routing: { scheme: 'rib', code: `${bank.code} ${guichet}` } };
    }
    case 'NL': {
      const account = digits(rng, 10);
      return { ...base, iban: iban('NL', `${bank.code}${account}`), bic: bank.bic, accountNumber: account, routing: null };
    }
    case 'ES': {
      const account = `${bank.code}${digits(rng, 16)}`;
      return { ...base, iban: iban('ES', account), bic: bank.bic, accountNumber: account.slice(10), routing: null };
    }
    case 'US':
      return { ...base, iban: null, bic: null, accountNumber: digits(rng, rng.int(10, 12)), routing: { scheme: 'aba', code: abaRoutingNumber(rng) } };
    case 'CA':
      return { ...base, iban: null, bic: bank.bic, accountNumber: digits(rng, 7),
        routing: { scheme: 'ca_transit', code: `0${bank.code}${digits(rng, 5)}` } };
    case 'AU':
      return { ...base, iban: null, bic: bank.bic, accountNumber: digits(rng, 9),
        routing: { scheme: 'bsb', code: `${bank.code}${digits(rng, 1)}-${digits(rng, 3)}` } };
    default: {
      const account = digits(rng, 10);
      return { ...base, iban: iban('DE', `${bank.code}${account}`), bic: bank.bic, accountNumber: account,
        routing: { scheme: 'blz', code: bank.code } };
    }
  }
}
