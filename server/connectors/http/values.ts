/** Value conversions every tool's mapping needs: vendor strings in, unified values out. */

/** A trimmed non-empty string, or null (numbers become their decimal text). */
export function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A remote ID as a string (ids can exceed 2^53 or switch between number and string); null when absent. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'bigint') return value.toString();
  return str(value);
}

/** A number from a number or a numeric string (`"24.50"`), else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = str(value);
  if (s === null || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** The calendar date `yyyy-MM-dd` at the start of a vendor date or date-time, taken textually (never shifted by its offset). */
export function plainDate(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!match || match[1] === '0000' || match[2] === '00' || match[3] === '00') return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A vendor date as the midnight-UTC timestamp Kombo uses for dates of birth, start and termination. */
export function midnightUtc(value: unknown): string | null {
  const date = plainDate(value);
  return date ? `${date}T00:00:00.000Z` : null;
}

/** A vendor date-time as an ISO instant, or null when unreadable. */
export function instant(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

let countries: Map<string, string> | null = null;

/** ISO 3166-1 alpha-2 code of a country given by code or English name ("United States" -> "US"); null when unknown. */
export function countryCode(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  if (!countries) {
    countries = new Map();
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code) countries.set(name.toLowerCase(), code);
      }
    }
    countries.set('usa', 'US').set('united states of america', 'US').set('uk', 'GB').set('great britain', 'GB');
  }
  return countries.get(s.toLowerCase()) ?? null;
}

/** An address from its parts; null when every part is empty. */
export function address(parts: { street1?: unknown; street2?: unknown; city?: unknown; state?: unknown; zipCode?: unknown; country?: unknown }) {
  const a = {
    city: str(parts.city),
    country: countryCode(parts.country),
    raw: null,
    state: str(parts.state),
    street1: str(parts.street1),
    street2: str(parts.street2),
    zipCode: str(parts.zipCode),
  };
  return Object.values(a).some((v) => v !== null) ? a : null;
}
