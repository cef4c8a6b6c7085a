/**
 * A query string from a filter form: empty fields left out, `datetime-local` values (local time, no
 * zone) sent as ISO instants, and any extra parameters (a cursor) appended.
 */
export function queryOf(form: FormData | null, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of form ?? []) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    params.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value.trim());
  }
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A timestamp as the console shows it: local date and time to the second. */
export const timeOf = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
