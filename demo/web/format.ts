import type { EmployeeView, IntegrationView } from '../shared/api-types.ts';

/** Words for the API's enums, as Lumen's UI says them. */
const LABELS: Record<string, string> = {
  ACTIVE: 'Active',
  INVALID: 'Needs reconnecting',
  INACTIVE: 'Disabled',
  COMPLETED: 'Setup complete',
  FINAL_SYNC_PENDING: 'First sync running',
  INCOMPLETE: 'Setup incomplete',
  PENDING: 'Starting soon',
  LEAVE: 'On leave',
  FULL_TIME: 'Full-time',
  PART_TIME: 'Part-time',
  CONTRACT: 'Contractor',
  INTERNSHIP: 'Intern',
  FREELANCE: 'Freelance',
  WORKING_STUDENT: 'Working student',
  APPRENTICESHIP: 'Apprentice',
  TRAINING: 'Trainee',
};

/** Human words for an enum value; unknown values (open enums) are shown tidied up. */
export const label = (value: string): string => LABELS[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');

/** Badge tone per integration status. */
export const statusTone = (status: IntegrationView['status']) => ({ ACTIVE: 'good', INVALID: 'bad', INACTIVE: 'muted' })[status];

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `2024-03-01` or an ISO date-time as "Mar 1, 2024". */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));

export const formatTime = (iso: string): string => timeFormat.format(new Date(iso));

/** A duration as "0.4 s" (one decimal below ten seconds) or "42 s". */
export const formatSeconds = (ms: number): string => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;

const PERIODS: Record<string, string> = { YEAR: '/yr', MONTH: '/mo', WEEK: '/wk', DAY: '/day', HOUR: '/h' };

/** "€72,000/yr" from the latest employment's pay. */
export function formatPay(pay: NonNullable<EmployeeView['pay']>): string {
  let money = `${new Intl.NumberFormat('en').format(pay.amount)}${pay.currency ? ` ${pay.currency}` : ''}`;
  try {
    if (pay.currency) money = new Intl.NumberFormat('en', { style: 'currency', currency: pay.currency, maximumFractionDigits: 0 }).format(pay.amount);
  } catch {
    // Not an ISO 4217 code: keep the plain number with the code after it.
  }
  return `${money}${pay.period ? (PERIODS[pay.period] ?? ` per ${pay.period.toLowerCase()}`) : ''}`;
}

/** Up to two initials for the avatar circle. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
