import { basicAuth, type FakeRequest, type FakeResponse, type FakeServer, startFake } from './fake-server.ts';

/** One employee as BambooHR stores it: every value a string (empty dates "0000-00-00"), as the API answers. */
export type BambooEmployee = Record<string, string>;

const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'People'];
const DIVISIONS = ['North America', 'Europe'];
const LOCATIONS = ['Salt Lake City', 'Berlin', 'Remote'];
const FIRST = ['Ava', 'Ben', 'Chloe', 'Dan', 'Eva', 'Finn', 'Gina', 'Hugo', 'Iris', 'Jon'];
const LAST = ['Nguyen', 'Park', 'Smith', 'Meyer', 'Rossi', 'Garcia', 'Kowalski', 'Dubois'];

export interface BambooFakeOptions {
  employees?: number;
  apiKey?: string;
}

/** The fake's state and the switches tests turn. */
export interface BambooFake extends FakeServer {
  apiKey: string;
  employees: BambooEmployee[];
  /** Employee id -> when it changed and how (the `/employees/changed` feed). */
  changes: Map<string, { action: 'Inserted' | 'Updated' | 'Deleted'; at: string }>;
  /** Answers 404 for every request, as for an unknown company. */
  unknownCompany: boolean;
  updateEmployee(id: string, fields: Record<string, string>): void;
  /** Hires a new employee (recorded as Inserted in the change feed); answers its id. */
  addEmployee(fields?: Record<string, string>): string;
  /** Moves the fake's clock (the change feed's timestamps) to `date`; later changes follow it. */
  setNow(date: string): void;
  deleteEmployee(id: string): void;
  /** The API key stops working (401), as when an administrator deletes it. */
  revokeKey(): void;
  /** Adds a record the connector cannot map (no id) to the employee dataset. */
  addBrokenEmployee(): void;
  time: () => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function makeEmployee(i: number): BambooEmployee {
  const id = String(100 + i);
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[i % LAST.length]!;
  const inactive = i % 25 === 24;
  return {
    id,
    employeeNumber: String(1000 + i),
    firstName: first,
    lastName: last,
    preferredName: '',
    displayName: `${first} ${last}`,
    jobTitle: i === 0 ? 'CEO' : 'Engineer',
    workEmail: `${first.toLowerCase()}.${id}@acme.example`,
    homeEmail: `${first.toLowerCase()}${id}@mail.example`,
    mobilePhone: `801-555-${String(i).padStart(4, '0')}`,
    gender: i % 2 ? 'Female' : 'Male',
    ethnicity: 'Asian',
    maritalStatus: 'Married',
    nationality: '',
    ssn: 'xxx-xx-1234',
    status: inactive ? 'Inactive' : 'Active',
    employmentHistoryStatus: i % 7 === 3 ? 'Part-Time' : inactive ? 'Terminated' : 'Full-Time',
    hireDate: `20${pad(10 + (i % 14))}-03-04`,
    terminationDate: inactive ? '2025-06-30' : '0000-00-00',
    dateOfBirth: `19${pad(70 + (i % 29))}-07-12`,
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    division: DIVISIONS[i % DIVISIONS.length]!,
    location: LOCATIONS[i % LOCATIONS.length]!,
    supervisorEId: i === 0 ? '' : '100',
    photoUrl: `https://images.example/p/${id}.jpg`,
    address1: `${i} Main St`,
    address2: '',
    city: 'Lehi',
    state: 'UT',
    zipcode: '84043',
    country: 'United States',
  };
}

/**
 * The Datasets API's filter [spec: OData-like], as far as the connector uses it: `and` of groups, each
 * group (parenthesised or not) an `or` of `field eq 'value'` comparisons.
 */
export function datasetFilter(filter: string | undefined): (row: Record<string, string>) => boolean {
  if (!filter) return () => true;
  const groups = filter.split(/\)\s+and\s+\(|\s+and\s+/).map((g) => g.replace(/^\(|\)$/g, ''));
  const tests = groups.map((g) =>
    g.split(/\s+or\s+/).map((term) => {
      const m = /^(\w+)\s+eq\s+'([^']*)'$/.exec(term.trim());
      if (!m) throw new Error(`The fake does not understand the filter term "${term}".`);
      return [m[1]!, m[2]!] as const;
    }),
  );
  return (row) => tests.every((any) => any.some(([field, value]) => row[field] === value));
}

const listOf = (alias: string, fieldId: number, names: string[], base: number) => ({
  fieldId, alias, manageable: 'yes', multiple: 'no', name: alias,
  options: names.map((name, i) => ({ id: base + i, archived: 'no', createdDate: '2015-01-01T00:00:00+00:00', archivedDate: null, name })),
});

/**
 * BambooHR's API as the reference notes document it (bamboohr.md): Basic auth with the key as user,
 * JSON only with `Accept: application/json` (XML otherwise), the Datasets API paged by `page`/`pageSize`,
 * `/meta/lists`, the compensation table of all employees, time-off types, requests (window required) and
 * the per-employee balance calculator, and the `/employees/changed` feed. Serves one company, whatever
 * the host (TOOL_ORIGIN_BAMBOOHR maps every company's host here).
 */
export async function startBamboohrFake(options: BambooFakeOptions = {}): Promise<BambooFake> {
  const employees = Array.from({ length: options.employees ?? 30 }, (_, i) => makeEmployee(i));
  const changes = new Map<string, { action: 'Inserted' | 'Updated' | 'Deleted'; at: string }>();
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const time = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  let apiKey = options.apiKey ?? 'bamboo-key-0123456789abcdef';
  const broken: unknown[] = [];
  const state = { unknownCompany: false };

  const json = (body: unknown): FakeResponse => ({ status: 200, body });

  function route(req: FakeRequest): FakeResponse {
    if (state.unknownCompany) return { status: 404, body: '' };
    const auth = basicAuth(req.headers);
    if (!auth || auth.user !== apiKey) return { status: 401, headers: { 'x-bamboohr-error-message': 'Invalid API key' } };
    if (!String(req.headers.accept ?? '').includes('application/json')) return { status: 200, body: '<?xml version="1.0"?><result/>' };
    const p = req.path;
    if (p === '/api/v1/meta/fields') return json([{ id: 4047, name: 'T-Shirt size', type: 'list', alias: 'customShirtSize', deprecated: false }]);
    if (p === '/api/v1/meta/lists') {
      return json([listOf('department', 18, DEPARTMENTS, 1), listOf('division', 19, DIVISIONS, 1), listOf('location', 20, LOCATIONS, 1)]);
    }
    if (p === '/api/v2/datasets/employee/data' && req.method === 'POST') {
      const body = req.body as { fields?: string[]; filter?: string; page?: number; pageSize?: number };
      const page = body.page ?? 1;
      const pageSize = Math.min(body.pageSize ?? 100, 1000);
      const matches = datasetFilter(body.filter);
      const rows = [
        ...employees.filter(matches).map((e) => ({ fields: Object.fromEntries((body.fields ?? Object.keys(e)).map((f) => [f, e[f] ?? null])) })),
        ...broken,
      ];
      const totalPages = Math.max(1, Math.ceil(rows.length / pageSize));
      return json({ data: rows.slice((page - 1) * pageSize, page * pageSize), links: { next: null, prev: null }, meta: { page, pageSize, totalPages, totalItems: rows.length } });
    }
    if (p === '/api/v1/employees/all/tables/compensation') {
      return json(employees.map((e) => ({
        id: `c${e.id}`, employeeId: e.id, startDate: e.hireDate, rate: { currency: 'USD', value: e.employmentHistoryStatus === 'Part-Time' ? '40.00' : '120000.00' },
        type: 'Salary', exempt: 'Exempt', reason: '', comment: '', paidPer: e.employmentHistoryStatus === 'Part-Time' ? 'Hour' : 'Year', paySchedule: 'Twice a month',
      })));
    }
    if (p === '/api/v1/meta/time_off/types') {
      return json({ timeOffTypes: [
        { id: 78, name: 'Vacation', units: 'hours', color: '3a8fe8', icon: 'palm-trees', source: 'internal' },
        { id: 79, name: 'Sick', units: 'days', color: null, icon: null, source: 'internal' },
      ], defaultHours: [] });
    }
    if (p === '/api/v1/time_off/requests') {
      if (!req.query.get('start') || !req.query.get('end')) return { status: 400, body: { error: 'start and end are required' } };
      return json(employees.filter((_, i) => i % 3 === 0).map((e, i) => ({
        id: 5000 + i, employeeId: Number(e.id), name: e.displayName, start: '2026-02-02', end: '2026-02-04', created: '2026-01-10',
        status: { lastChanged: '2026-01-11', lastChangedByUserId: 2369, status: i % 4 === 3 ? 'canceled' : 'approved' },
        type: { id: 78, name: 'Vacation', icon: 'palm-trees' }, amount: { unit: 'hours', amount: i % 2 ? '20' : 24 },
        actions: {}, dates: { '2026-02-02': 8, '2026-02-03': 8, '2026-02-04': i % 2 ? 4 : 8 }, notes: { employee: 'Trip', manager: '' },
      })));
    }
    const calc = /^\/api\/v1\/employees\/([^/]+)\/time_off\/calculator$/.exec(p);
    if (calc) {
      if (!employees.some((e) => e.id === calc[1])) return { status: 404, body: '' };
      return json([
        { timeOffType: '78', name: 'Vacation', units: 'hours', balance: '24.50', end: req.query.get('end'), policyType: 'accruing', usedYearToDate: '12.25' },
        { timeOffType: '79', name: 'Sick', units: 'days', balance: '5', end: req.query.get('end'), policyType: 'manual', usedYearToDate: '1' },
      ]);
    }
    if (p === '/api/v1/employees/changed') {
      const since = req.query.get('since');
      if (!since) return { status: 400, body: { error: 'since is required' } };
      const after = [...changes].filter(([, c]) => Date.parse(c.at) > Date.parse(since));
      return json({ latest: new Date(clock).toISOString(), employees: Object.fromEntries(after.map(([id, c]) => [id, { id, action: c.action, lastChanged: c.at }])) });
    }
    const one = /^\/api\/v1\/employees\/([^/]+)$/.exec(p);
    if (one) {
      const e = employees.find((x) => x.id === one[1]);
      return e ? json(e) : { status: 404, body: '' };
    }
    return { status: 404, body: '' };
  }

  const server = await startFake(route);
  return {
    ...server,
    get apiKey() {
      return apiKey;
    },
    employees,
    changes,
    get unknownCompany() {
      return state.unknownCompany;
    },
    set unknownCompany(v: boolean) {
      state.unknownCompany = v;
    },
    addEmployee(fields: Record<string, string> = {}) {
      const e = { ...makeEmployee(employees.length + 500), ...fields };
      employees.push(e);
      changes.set(e.id!, { action: 'Inserted', at: time() });
      return e.id!;
    },
    setNow(date: string) {
      clock = Date.parse(date);
    },
    updateEmployee(id: string, fields: Record<string, string>) {
      const e = employees.find((x) => x.id === id);
      if (!e) throw new Error(`no employee ${id}`);
      Object.assign(e, fields);
      changes.set(id, { action: 'Updated', at: time() });
    },
    deleteEmployee(id: string) {
      const i = employees.findIndex((x) => x.id === id);
      if (i < 0) throw new Error(`no employee ${id}`);
      employees.splice(i, 1);
      changes.set(id, { action: 'Deleted', at: time() });
    },
    revokeKey() {
      apiKey = `revoked-${apiKey}`;
    },
    addBrokenEmployee() {
      broken.push({ fields: { firstName: 'No', lastName: 'Id' } });
    },
    time,
  };
}
