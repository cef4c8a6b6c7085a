import { describe, expect, it } from 'vitest';
import { abaRoutingNumber, bankAccount, ibanCheckDigits } from '../../../server/connectors/sandbox/company/bank-accounts.ts';
import { Rng } from '../../../server/connectors/sandbox/company/random.ts';

/** ISO 13616: an IBAN is valid when its rearranged numeric form is 1 modulo 97. */
function ibanIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

describe('ibanCheckDigits', () => {
  it('computes the check digits of a known IBAN', () => {
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
  });
});

describe('abaRoutingNumber', () => {
  it('produces nine digits with a valid 3-7-1 checksum', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 50; i++) {
      const n = abaRoutingNumber(rng);
      const d = [...n].map(Number);
      expect(n).toMatch(/^\d{9}$/);
      expect((3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)) % 10).toBe(0);
    }
  });
});

describe('bankAccount', () => {
  describe.each(['DE', 'GB', 'FR', 'NL', 'ES'])('in %s', (country) => {
    it('has a valid IBAN of the country and a BIC', () => {
      const account = bankAccount(new Rng(country.charCodeAt(0)), country, 'Jo Doe');
      expect(account.iban?.startsWith(country)).toBe(true);
      expect(ibanIsValid(account.iban!)).toBe(true);
      expect(account.bic).toMatch(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/);
    });
  });

  it('uses a sort code in GB', () => {
    expect(bankAccount(new Rng(1), 'GB', 'Jo Doe').routing).toStrictEqual({ scheme: 'sort_code', code: expect.stringMatching(/^\d{2}-\d{2}-\d{2}$/) });
  });

  it('uses a Bankleitzahl in DE', () => {
    expect(bankAccount(new Rng(1), 'DE', 'Jo Doe').routing).toStrictEqual({ scheme: 'blz', code: expect.stringMatching(/^\d{8}$/) });
  });

  it('uses an ABA routing number and no IBAN in the US', () => {
    const account = bankAccount(new Rng(1), 'US', 'Jo Doe');
    expect(account.iban).toBeNull();
    expect(account.routing).toStrictEqual({ scheme: 'aba', code: expect.stringMatching(/^\d{9}$/) });
  });
});
