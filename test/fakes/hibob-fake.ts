import { basicAuth, type FakeRequest, type FakeResponse, type FakeServer, startFake } from './fake-server.ts';

export interface HibobPerson {
  id: string;
  firstName: string;
  surname: string;
  email: string;
  title: string;
  department: string;
  siteId: number;
  reportsTo: string | null;
  lifecycleStatus: string;
  status: 'Active' | 'Inactive';
  startDate: string;
  terminationDate: string | null;
}

export interface HibobFake extends FakeServer {
  serviceUserId: string;
  token: string;
  people: HibobPerson[];
  revokeToken(): void;
  updatePerson(id: string, change: Partial<HibobPerson>): void;
  deletePerson(id: string): void;
  addBrokenPerson(): void;
  /** Books a time-off request (a `created` change at the fake's clock); answers its request id. */
  requestTimeOff(personId: string, startDate: string, endDate: string): number;
  /** Cancels a request (a `deleted` change at the fake's clock). */
  deleteTimeOff(requestId: number): void;
  /** Moves the fake's clock (the change feed's timestamps) to `date`. */
  setNow(date: string): void;
}

/** A time-off change feed entry, with when it happened (the filter `since` compares with `at`). */
type TimeOffChange = { at: number; entry: Record<string, unknown> };

/** Ids above 2^53, as HiBob's are [docs]. */
const personId = (i: number) => (3332883884017713000n + BigInt(i)).toString();

const NAMED_LISTS = {
  department: {
    name: 'department',
    values: [
      { id: '209192163', value: 'Account Receivables', name: 'Account Receivables', archived: false, children: [
        { id: '209192199', value: 'AR Europe', name: 'AR Europe', archived: false, children: [] },
      ] },
      { id: '209192170', value: 'Engineering', name: 'Engineering', archived: false, children: [] },
    ],
  },
  site: { name: 'site', values: [{ id: '1234', value: 'London', name: 'London', archived: false, children: [] }, { id: 1235, value: 'Tel Aviv', name: 'Tel Aviv', archived: false, children: [] }] },
  title: { name: 'title', values: [{ id: '501', value: 'Accountant', name: 'Accountant', archived: false, children: [] }] },
};

const POLICY_TYPES: Record<string, { name: string; unit: string; activity: string }> = {
  Holiday: { name: 'Holiday', unit: 'days', activity: 'paidTimeoff' },
  'Sick leave': { name: 'Sick leave', unit: 'days', activity: 'paidTimeoff' },
};

/** A person as `POST /v1/people/search` answers it. */
export const personJson = (p: HibobPerson) => ({
  id: p.id, firstName: p.firstName, surname: p.surname, displayName: `${p.firstName} ${p.surname}`, email: p.email,
  creationDateTime: '2019-09-08T10:12:13.123456', avatarUrl: null,
  about: { avatar: `https://img.example/${p.id}.png` },
  personal: { gender: p.id.endsWith('1') ? 'Female' : 'Male', nationality: ['GB'] },
  work: { title: p.title, department: p.department, site: p.siteId === 1234 ? 'London' : 'Tel Aviv', siteId: p.siteId, startDate: p.startDate,
    employeeIdInCompany: Number(p.id.slice(-3)), reportsTo: p.reportsTo ? { id: p.reportsTo, firstName: 'Alan', surname: 'Tullins' } : null },
  internal: { status: p.status, lifecycleStatus: p.lifecycleStatus, terminationDate: p.terminationDate },
  payroll: { employment: { type: 'Permanent', contract: 'Full time', weeklyHours: 40, fte: 100 } },
  home: { privateEmail: `${p.firstName.toLowerCase()}@mail.example`, mobilePhone: '+44 7700 900000' },
  '/root/id': { value: p.id },
  '/work/department': { value: p.department },
  humanReadable: { work: { title: 'Accountant', department: 'dept' } },
});

/**
 * HiBob's API as hibob.md documents it: Basic auth with service user ID and token; people search in one
 * response (machine values, both nested and slash keys, humanReadable APPEND, leavers only with
 * showInactive); named lists keyed by name; the salaries bulk table paged by cursor (limit ≤ 200);
 * policy types by name; the time-off change feed; balances per employee and policy type.
 */
export async function startHibobFake(options: { employees?: number } = {}): Promise<HibobFake> {
  const departments = ['209192163', '209192199', '209192170'];
  const people: HibobPerson[] = Array.from({ length: options.employees ?? 30 }, (_, i) => ({
    id: personId(i),
    firstName: ['Alan', 'Bea', 'Cem', 'Dana'][i % 4]!,
    surname: ['Tullins', 'Levi', 'Okafor', 'Price'][i % 4]!,
    email: `p${i}@acme.example`,
    title: '501',
    department: departments[i % 3]!,
    siteId: i % 2 ? 1235 : 1234,
    reportsTo: i === 0 ? null : personId(0),
    lifecycleStatus: i % 15 === 14 ? 'terminated' : 'employed',
    status: i % 15 === 14 ? 'Inactive' : 'Active',
    startDate: '2019-09-08',
    terminationDate: i % 15 === 14 ? '2025-10-31' : null,
  }));
  const broken: unknown[] = [];
  let now = Date.parse('2026-02-01T08:00:00Z');
  const request = (x: HibobPerson, requestId: number, startDate: string, endDate: string) => ({
    changeType: 'created', requestId, employeeId: x.id, employeeDisplayName: `${x.firstName} ${x.surname}`, employeeEmail: x.email,
    policyTypeDisplayName: 'Holiday', type: 'days', startDate, startPortion: 'all_day', endDate, endPortion: 'morning',
    date: null, hoursOnDate: null, dailyHours: null, dayPortion: null, durationUnit: 'days', totalDuration: 2.5, totalCost: 2.5, changeReason: null,
  });
  const timeOff: TimeOffChange[] = people.filter((_, i) => i % 4 === 0).map((x, i) => ({ at: now, entry: request(x, 1234567 + i, '2026-02-02', '2026-02-04') }));
  // The first request was edited: its old id deleted, a new one created.
  timeOff.push({ at: now, entry: { ...timeOff[0]!.entry, changeType: 'deleted' } }, { at: now, entry: { ...timeOff[0]!.entry, requestId: 9999999 } });
  let nextRequestId = 2000000;
  const state = { serviceUserId: 'SERVICE-4711', token: 'hibob-token-secret-9f8e7d' };

  function route(req: FakeRequest): FakeResponse {
    const auth = basicAuth(req.headers);
    if (!auth || auth.user !== state.serviceUserId || auth.password !== state.token) return { status: 401, body: { key: 'unauthorized', error: 'Unauthorized' } };
    const p = req.path;
    if (p === '/v1/company/named-lists') return { status: 200, body: NAMED_LISTS };
    if (p === '/v1/people/search' && req.method === 'POST') {
      const body = req.body as { showInactive?: boolean };
      const visible = people.filter((x) => body.showInactive || x.status === 'Active');
      return { status: 200, body: { employees: [...visible.map(personJson), ...broken] } };
    }
    if (p === '/v1/bulk/people/salaries') {
      const limit = Number(req.query.get('limit') ?? 50);
      if (limit > 200) return { status: 400, body: { error: 'limit must be at most 200' } };
      const start = Number(req.query.get('cursor') ?? 0);
      const slice = people.slice(start, start + limit);
      const next = start + limit < people.length ? String(start + limit) : '';
      return { status: 200, body: {
        results: slice.map((x) => ({ employeeId: x.id, values: [{ id: 9, effectiveDate: '2022-01-01', endEffectiveDate: null, base: { value: 65000, currency: 'GBP' }, payPeriod: 'Annual', payFrequency: 'Monthly', isCurrent: true, customColumns: {} }] })),
        response_metadata: { next_cursor: next }, errors: [],
      } };
    }
    if (p === '/v1/timeoff/policy-types') return { status: 200, body: { policyTypes: Object.keys(POLICY_TYPES) } };
    const type = /^\/v1\/timeoff\/policy-types\/(.+)$/.exec(p);
    if (type) {
      const t = POLICY_TYPES[decodeURIComponent(type[1]!)];
      return t ? { status: 200, body: { ...t, bookingWorkDaysOnly: true } } : { status: 404, body: { error: 'not found' } };
    }
    if (p === '/v1/timeoff/requests/changes') {
      const since = Date.parse(req.query.get('since') ?? '');
      if (Number.isNaN(since)) return { status: 400, body: { error: 'since is required' } };
      return { status: 200, body: { changes: timeOff.filter((c) => c.at >= since).map((c) => c.entry) } };
    }
    const balance = /^\/v1\/timeoff\/employees\/([^/]+)\/balance$/.exec(p);
    if (balance) {
      if (!people.some((x) => x.id === balance[1])) return { status: 404, body: { error: 'unknown employee' } };
      if (req.query.get('policyType') === 'Sick leave' && balance[1]!.endsWith('3')) return { status: 400, body: { error: 'no such policy' } };
      return { status: 200, body: { employeeId: balance[1], policy: 'UK Holiday 25d', pointInTime: req.query.get('date'), annualAllowance: 25, startingBalance: 3, totalBalanceAsOfDate: 14.5, totalTaken: 10.5 } };
    }
    return { status: 404, body: { error: 'not found' } };
  }

  const server = await startFake(route);
  return {
    ...server,
    get serviceUserId() {
      return state.serviceUserId;
    },
    get token() {
      return state.token;
    },
    people,
    revokeToken() {
      state.token = `revoked-${state.token}`;
    },
    updatePerson(id, change) {
      Object.assign(people.find((x) => x.id === id)!, change);
    },
    deletePerson(id) {
      people.splice(people.findIndex((x) => x.id === id), 1);
    },
    requestTimeOff(personId, startDate, endDate) {
      const requestId = nextRequestId++;
      timeOff.push({ at: now, entry: request(people.find((x) => x.id === personId)!, requestId, startDate, endDate) });
      return requestId;
    },
    deleteTimeOff(requestId) {
      const created = timeOff.find((c) => c.entry.requestId === requestId && c.entry.changeType === 'created')!;
      timeOff.push({ at: now, entry: { ...created.entry, changeType: 'deleted' } });
    },
    setNow(date) {
      now = Date.parse(date);
    },
    addBrokenPerson() {
      broken.push({ firstName: 'No', surname: 'Id' });
    },
  };
}
