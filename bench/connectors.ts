import { bamboohrDataSource } from '../server/connectors/bamboohr/source.ts';
import type { PagedSource } from '../server/connectors/data-source.ts';
import { readSource } from '../server/domain/sync/read-source.ts';
import { createConnectorRuntime } from '../server/connectors/http/runtime.ts';
import { personioDataSource } from '../server/connectors/personio/source.ts';
import crypto from 'node:crypto';
import { factorialDataSource } from '../server/connectors/factorial/source.ts';
import { hibobDataSource } from '../server/connectors/hibob/source.ts';
import { startFactorialFake } from '../test/fakes/factorial-fake.ts';
import { startBamboohrFake } from '../test/fakes/bamboohr-fake.ts';
import { startHibobFake } from '../test/fakes/hibob-fake.ts';
import type { FakeServer } from '../test/fakes/fake-server.ts';
import { startPersonioFake } from '../test/fakes/personio-fake.ts';
import { fmt, type Row } from './lib/table.ts';

interface Subject {
  tool: string;
  source: PagedSource;
  start(employees: number): Promise<{ fake: FakeServer; credentials: Record<string, string>; change?: (at: Date) => void }>;
}

/** How many employees the incremental row changes. */
const CHANGED = 10;

const SUBJECTS: Subject[] = [
  {
    tool: 'bamboohr',
    source: bamboohrDataSource,
    async start(employees) {
      const fake = await startBamboohrFake({ employees });
      const change = (at: Date) => {
        fake.setNow(at.toISOString());
        for (const e of fake.employees.slice(0, CHANGED)) fake.updateEmployee(e.id!, { jobTitle: 'Staff Engineer' });
      };
      return { fake, credentials: { company_subdomain: 'bench', api_key: fake.apiKey }, change };
    },
  },
  {
    tool: 'personio',
    source: personioDataSource,
    async start(employees) {
      const fake = await startPersonioFake({ employees });
      const change = () => {
        for (const e of fake.employees.slice(0, CHANGED)) fake.updateEmployee(e.id, { position: 'Staff Engineer' });
      };
      return { fake, credentials: { client_id: fake.clientId, client_secret: fake.clientSecret }, change };
    },
  },
  {
    tool: 'hibob',
    source: hibobDataSource,
    async start(employees) {
      const fake = await startHibobFake({ employees });
      // Ten employees changed, and each booked time off (the part HiBob's change feed names).
      const change = (at: Date) => {
        fake.setNow(at.toISOString());
        for (const p of fake.people.slice(0, CHANGED)) {
          fake.updatePerson(p.id, { firstName: 'Renamed' });
          fake.requestTimeOff(p.id, '2026-12-21', '2026-12-23');
        }
      };
      return { fake, credentials: { service_user_id: fake.serviceUserId, service_user_token: fake.token }, change };
    },
  },
  {
    tool: 'factorial',
    source: factorialDataSource,
    async start(employees) {
      const fake = await startFactorialFake({ employees });
      // The browser's part of the OAuth dance, done by hand: authorize (PKCE) and exchange the code.
      const verifier = crypto.randomBytes(32).toString('base64url');
      const redirectUri = 'http://127.0.0.1/callback';
      const authorize = new URL(`${fake.url}/oauth/authorize`);
      authorize.search = new URLSearchParams({
        client_id: fake.clientId, redirect_uri: redirectUri, response_type: 'code', state: 's',
        code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
      }).toString();
      const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
      const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: fake.clientId, client_secret: fake.clientSecret, code_verifier: verifier };
      const tokens = (await (await fetch(`${fake.url}/oauth/token`, { method: 'POST', body: new URLSearchParams(form) })).json()) as Record<string, string>;
      fake.requests.length = 0;
      const change = () => {
        for (const e of fake.employees.slice(0, CHANGED)) e.first_name = 'Renamed';
      };
      return {
        fake,
        change,
        credentials: { access_token: tokens.access_token!, refresh_token: tokens.refresh_token!, expires_at: String(Date.now() + 3_600_000), client_id: fake.clientId, client_secret: fake.clientSecret },
      };
    },
  },
];

/** The most requests the fake saw starting within any one second. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** One full read of a tool's data (what a sync fetches) through the toolkit; throws when it fails. */
async function read(subject: Subject, employees: number, fakeDelayMs: number, limits: { concurrency: number; perSecond: number }) {
  const { fake, credentials } = await subject.start(employees);
  fake.faults.delayMs = fakeDelayMs;
  // Every request goes to the fake on loopback, never to the tool's real origin.
  const runtime = createConnectorRuntime({ origins: { [subject.tool]: fake.url }, limits });
  try {
    const started = performance.now();
    const { snapshot } = await readSource(subject.source, {
      integrationId: `bench-${subject.tool}-${employees}`, credentials, now: new Date(), type: 'FULL', since: null, signal: new AbortController().signal, pageSize: 1000, runtime,
    });
    const ms = performance.now() - started;
    if (snapshot.employees.length !== employees) throw new Error(`${subject.tool}: read ${snapshot.employees.length} of ${employees} employees`);
    // 429s and 5xx would be the fake pushing back; 4xx like HiBob's "no such policy" are answers.
    return { ms, requests: fake.requests.length, failed: fake.requests.filter((r) => r.status === 429 || r.status >= 500).length, peak: peakPerSecond(fake.requests.map((r) => r.at)) };
  } finally {
    await fake.close();
  }
}

/**
 * One incremental (DELTA) read of a 1,000-employee tenant whose last sync started ten minutes ago,
 * after ten employees changed five minutes ago: the requests it sends and its time.
 */
async function deltaRead(subject: Subject): Promise<{ ms: number; requests: number; changed: number }> {
  const { fake, credentials, change } = await subject.start(1000);
  const now = new Date();
  change?.(new Date(now.getTime() - 5 * 60_000));
  fake.requests.length = 0;
  const runtime = createConnectorRuntime({ origins: { [subject.tool]: fake.url }, limits: { concurrency: 8, perSecond: 100_000 } });
  try {
    const started = performance.now();
    const read = await readSource(subject.source, {
      integrationId: `bench-delta-${subject.tool}`, credentials, now, type: 'DELTA', since: new Date(now.getTime() - 10 * 60_000), signal: new AbortController().signal, pageSize: 1000, runtime,
    });
    const ms = performance.now() - started;
    const changed = read.deltas.get('employees')?.changed.length ?? read.snapshot.employees.length;
    return { ms, requests: fake.requests.length, changed };
  } finally {
    await fake.close();
  }
}

/**
 * Connector budgets of issue 12, against the local fakes on loopback: a full read of a 1,000-employee
 * tenant per connector (limits raised so only the toolkit and the fake count), and a read under a
 * 10 requests/s limit whose peak the fake measures. A read that fails counts as a failed sync.
 */
export async function benchConnectors(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const subject of SUBJECTS) {
    const full = await read(subject, 1000, 0, { concurrency: 8, perSecond: 100_000 });
    rows.push({
      what: `${subject.tool}: full read of 1,000 employees (${full.requests} requests, concurrency 8)`,
      value: `${fmt(full.ms / 1000, 2)} s`,
      budget: '<= 3 s (fake delay 0)',
      pass: full.ms <= 3000,
    });
    let failures = 0;
    let limited = { ms: 0, requests: 0, failed: 0, peak: 0 };
    try {
      limited = await read(subject, 40, 5, { concurrency: 4, perSecond: 10 });
    } catch {
      failures++;
    }
    rows.push({
      what: `${subject.tool}: peak requests per second at the fake under a 10 req/s limit (${limited.requests} requests, ${fmt(limited.ms / 1000, 1)} s)`,
      value: `${limited.peak} req/s, ${failures} failed syncs`,
      budget: '<= 10 req/s, 0 failed',
      pass: limited.peak <= 10 && failures === 0 && limited.failed === 0,
    });
    // Informational: which models a DELTA read takes from a change feed differs per tool (see each source.ts).
    const delta = await deltaRead(subject);
    rows.push({
      what: `${subject.tool}: DELTA read after ${CHANGED} of 1,000 employees changed (${delta.requests} requests vs ${full.requests} for a full read; ${delta.changed} employee records read)`,
      value: `${fmt(delta.ms / 1000, 2)} s`,
      budget: 'no budget (reported)',
      pass: null,
    });
  }
  return rows;
}
