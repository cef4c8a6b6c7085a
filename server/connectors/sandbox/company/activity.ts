import type { Org } from './org.ts';
import type { Person } from './people.ts';
import { DAY_MS, Rng, hashSeed, iso, isoDate, startOfDay } from './random.ts';
import type { SandboxShift, SandboxTimeOffBalance, SandboxTimeOffPolicy, SandboxTimeOffRequest } from './types.ts';

export const TIME_OFF_POLICIES: SandboxTimeOffPolicy[] = [
  { id: '1', name: 'Vacation', unit: 'days', halfDays: true, exactTimes: false },
  { id: '2', name: 'Sick leave', unit: 'days', halfDays: false, exactTimes: false },
  { id: '3', name: 'Parental leave', unit: 'days', halfDays: false, exactTimes: false },
  { id: '4', name: 'Overtime compensation', unit: 'hours', halfDays: false, exactTimes: true },
  { id: '5', name: 'Unpaid leave', unit: 'days', halfDays: true, exactTimes: false },
  { id: '6', name: 'Special leave', unit: 'days', halfDays: false, exactTimes: false },
  { id: '7', name: 'Training', unit: 'days', halfDays: true, exactTimes: false },
];

/** Requests that ended more than this long ago are no longer returned by the system's API. */
export const ABSENCE_HISTORY_MS = 60 * DAY_MS;
/** Shifts are kept for this long. */
export const SHIFT_HISTORY_DAYS = 14;

const OUTCOMES = [['approved', 87], ['declined', 8], ['cancelled', 5]] as const;
const NOTES = ['Family trip', 'Moving flat', 'Wedding of a friend', 'Long weekend', null, null, null, 'Doctor appointment', 'Conference'];

/** Saturday or Sunday (1970-01-01, day 0, was a Thursday). */
const isWeekend = (ms: number) => {
  const day = (Math.floor(ms / DAY_MS) + 4) % 7;
  return day === 0 || day === 6;
};

/** Adds `count` working days (Mon-Fri) to a day; returns the last day. */
function addWorkdays(from: number, count: number): number {
  let day = from;
  let left = count - 1;
  while (left > 0) {
    day += DAY_MS;
    if (!isWeekend(day)) left--;
  }
  return day;
}

function nextWorkday(ms: number): number {
  let day = startOfDay(ms);
  while (isWeekend(day)) day += DAY_MS;
  return day;
}

interface PlannedRequest {
  request: SandboxTimeOffRequest;
  /** When the request became visible in the system. */
  createdAt: number;
  endsAt: number;
}

/** Every request one person files in one calendar year (also those outside the visible window, for balances). */
function plannedRequests(org: Org, person: Person, year: number, now: number): PlannedRequest[] {
  const { fate, employee } = person;
  const rng = new Rng(hashSeed(org.seed, 'absences', fate.slot, year));
  const yearStart = Date.UTC(year, 0, 1);
  const out: PlannedRequest[] = [];
  const plans: { policy: string; days: number; lead: number }[] = [];
  for (let i = 0, n = rng.int(1, 3); i < n; i++) plans.push({ policy: '1', days: rng.int(1, 10), lead: rng.int(7, 70) });
  if (rng.chance(0.5)) plans.push({ policy: '2', days: rng.int(1, 3), lead: 0 });
  if (person.hourly && rng.chance(0.6)) plans.push({ policy: '4', days: 1, lead: rng.int(2, 14) });
  if (rng.chance(0.08)) plans.push({ policy: rng.pick(['5', '6', '7']), days: rng.int(1, 3), lead: rng.int(14, 40) });
  plans.forEach((plan, k) => {
    const from = nextWorkday(yearStart + rng.int(5, 355) * DAY_MS);
    const to = addWorkdays(from, plan.days);
    const createdAt = from - plan.lead * DAY_MS + rng.int(8, 17) * 3_600_000 + rng.int(0, 59) * 60_000;
    if (from < fate.startAt || (fate.terminatedAt !== null && to >= fate.terminatedAt)) return;
    const policy = TIME_OFF_POLICIES.find((p) => p.id === plan.policy)!;
    const halfStart = policy.halfDays && rng.chance(0.1);
    const hours = plan.policy === '4';
    const decidedAt = plan.policy === '2' ? createdAt : createdAt + rng.int(2, 72) * 3_600_000;
    const outcome = plan.policy === '2' ? 'approved' : rng.weighted(OUTCOMES);
    const status = now < decidedAt ? 'pending' : outcome;
    out.push({
      createdAt,
      endsAt: to + DAY_MS,
      request: {
        id: `${fate.remoteId}-${year}-${k + 1}`,
        employeeId: employee.id,
        policyId: plan.policy,
        from: isoDate(from),
        to: isoDate(to),
        halfDayStart: halfStart,
        halfDayEnd: false,
        startTime: hours ? '14:00:00' : null,
        endTime: hours ? `${14 + rng.int(2, 3)}:00:00` : null,
        amount: hours ? 0 : plan.days - (halfStart ? 0.5 : 0),
        unit: hours ? 'hours' : 'days',
        status,
        note: plan.policy === '1' ? rng.pick(NOTES) : null,
        approverId: status === 'approved' || status === 'declined' ? employee.managerId : null,
        createdAt: iso(createdAt),
        updatedAt: iso(status === 'pending' ? createdAt : decidedAt),
      },
    });
    const last = out[out.length - 1]!.request;
    if (hours) last.amount = Number(last.endTime!.slice(0, 2)) - 14;
  });
  const leave = fate.leave;
  if (leave && new Date(leave.from).getUTCFullYear() === year) {
    const createdAt = leave.from - 60 * DAY_MS + 10 * 3_600_000;
    out.push({
      createdAt,
      endsAt: leave.to,
      request: { id: `${fate.remoteId}-${year}-pl`, employeeId: employee.id, policyId: '3', from: isoDate(leave.from), to: isoDate(leave.to - DAY_MS),
        halfDayStart: false, halfDayEnd: false, startTime: null, endTime: null, amount: Math.round((leave.to - leave.from) / DAY_MS),
        unit: 'days', status: now < createdAt + 2 * DAY_MS ? 'pending' : 'approved', note: null,
        approverId: now < createdAt + 2 * DAY_MS ? null : employee.managerId, createdAt: iso(createdAt),
        updatedAt: iso(now < createdAt + 2 * DAY_MS ? createdAt : createdAt + 2 * DAY_MS) },
    });
  }
  return out;
}

/** Time-off requests visible at `now` and the person's balances for the current year. */
export function timeOff(org: Org, person: Person, now: number): { requests: SandboxTimeOffRequest[]; balances: SandboxTimeOffBalance[] } {
  const year = new Date(now).getUTCFullYear();
  const requests: SandboxTimeOffRequest[] = [];
  const today = isoDate(now);
  let taken = 0;
  for (const y of [year - 1, year, year + 1]) {
    for (const planned of plannedRequests(org, person, y, now)) {
      if (planned.createdAt > now) continue;
      if (planned.endsAt >= now - ABSENCE_HISTORY_MS) requests.push(planned.request);
      const r = planned.request;
      if (y === year && r.policyId === '1' && r.status === 'approved' && r.from <= today) taken += r.amount;
    }
  }
  const { fate, employee, country } = person;
  const startYear = new Date(fate.startAt).getUTCFullYear();
  const share = startYear === year ? (12 - new Date(fate.startAt).getUTCMonth()) / 12 : 1;
  const balances: SandboxTimeOffBalance[] = [{
    id: `${employee.id}-1-${year}`, employeeId: employee.id, policyId: '1', year,
    entitlement: Math.round(country.vacationDays * share * 2) / 2, taken, unit: 'days',
  }];
  if (person.hourly) {
    const week = Math.floor(now / (7 * DAY_MS));
    const overtime = new Rng(hashSeed(org.seed, 'overtime', fate.slot, week)).int(-4, 16);
    balances.push({ id: `${employee.id}-4-${year}`, employeeId: employee.id, policyId: '4', year, entitlement: overtime, taken: 0, unit: 'hours' });
  }
  return { requests, balances };
}

const offsetMs = (offset: string) => (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;

/** Clocked shifts of hourly workers over the last two weeks (one per workday, the current one possibly open). */
export function shifts(org: Org, person: Person, utcOffset: string, now: number): SandboxShift[] {
  const { fate, employee } = person;
  if (!person.hourly || employee.status === 'onboarding') return [];
  const out: SandboxShift[] = [];
  const today = startOfDay(now);
  for (let d = SHIFT_HISTORY_DAYS; d >= 0; d--) {
    const day = today - d * DAY_MS;
    if (isWeekend(day) || day < fate.startAt || (fate.terminatedAt !== null && day >= fate.terminatedAt)) continue;
    if (fate.leave && day >= fate.leave.from && day < fate.leave.to) continue;
    const rng = new Rng(hashSeed(org.seed, 'shift', fate.slot, day));
    if (rng.chance(0.1)) continue;
    const start = day - offsetMs(utcOffset) + (7 * 60 + rng.int(0, 150)) * 60_000;
    if (start > now) continue;
    const minutes = rng.int(4 * 60, 8 * 60 + 30);
    const end = start + minutes * 60_000;
    const breaks = minutes > 6 * 60 ? [{ start: iso(start + 4 * 3_600_000), end: iso(start + 4 * 3_600_000 + 30 * 60_000), paid: false }] : [];
    const open = end > now;
    const approvedAt = end + DAY_MS + 3_600_000;
    out.push({
      id: `${employee.id}-${isoDate(day).replace(/-/g, '')}`,
      employeeId: employee.id,
      start: iso(start),
      end: open ? null : iso(end + (breaks.length ? 30 * 60_000 : 0)),
      utcOffset,
      breaks: open ? [] : breaks,
      state: open ? 'open' : approvedAt <= now ? 'approved' : 'submitted',
      approvedAt: !open && approvedAt <= now ? iso(approvedAt) : null,
      note: rng.chance(0.05) ? 'Covered for a colleague' : null,
    });
  }
  return out;
}
