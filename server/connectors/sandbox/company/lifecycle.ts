import type { Org } from './org.ts';
import { DAY_MS, Rng, hashSeed, startOfDay } from './random.ts';

/**
 * Evolution starts here: the base company is the state at EPOCH; everything after it (hires, notices,
 * terminations, leaves, edits) happens at times derived from the seed, so the company at time T is a
 * pure function of (seed, size, T).
 */
export const EPOCH = Date.UTC(2025, 0, 1);
/** Mean tenure of people who leave; also sets the hiring rate so headcount stays about constant. */
export const MEAN_TENURE_MS = 4 * 365 * DAY_MS;
/** Terminated people are deleted from the system this long after their last day (data retention). */
export const PURGE_AFTER_MS = 120 * DAY_MS;

export type Role = 'ceo' | 'head' | 'lead' | 'member';

/** One person's life in the company: computed with a cheap PRNG only, before any names are generated. */
export interface Fate {
  slot: number;
  remoteId: string;
  role: Role;
  /** Index into org.departments. */
  department: number;
  /** Index into org.teams at hire (null for the CEO and department heads). */
  team: number | null;
  /** Index into org.entities. */
  entity: number;
  signedAt: number;
  startAt: number;
  /** When the termination date became known (it shows from then on). */
  noticeAt: number | null;
  terminatedAt: number | null;
  /** When the record disappeared from the system (purged after leaving, or a hire withdrawn before day one). */
  goneAt: number | null;
  leave: { from: number; to: number } | null;
}

const days = (n: number) => n * DAY_MS;

function placement(org: Org, rng: Rng, slot: number): Pick<Fate, 'role' | 'department' | 'team' | 'entity'> {
  const entityWeights = org.entities.map((e, i) => [i, e.weight] as const);
  if (slot === 0) return { role: 'ceo', department: 0, team: null, entity: 0 };
  if (slot < org.departments.length) {
    return { role: 'head', department: slot, team: null, entity: rng.chance(0.8) ? 0 : rng.weighted(entityWeights) };
  }
  if (slot < org.leaderCount) {
    const team = org.teams.findIndex((t) => t.leadIndex === slot);
    return { role: 'lead', department: org.teams[team]!.department, team, entity: rng.weighted(entityWeights) };
  }
  const team = rng.weighted(org.teams.map((t, i) => [i, t.weight] as const));
  return { role: 'member', department: org.teams[team]!.department, team, entity: rng.weighted(entityWeights) };
}

function leaveFor(rng: Rng, startAt: number, end: number): Fate['leave'] {
  if (!rng.chance(0.1)) return null;
  const from = startOfDay(EPOCH + days(rng.int(-120, 600)));
  const to = from + days(rng.int(60, 365));
  return from > startAt && to < end ? { from, to } : null;
}

function baseFate(org: Org, slot: number): Fate {
  const rng = new Rng(hashSeed(org.seed, 'fate', slot));
  const place = placement(org, rng, slot);
  const remoteId = String(1001 + slot);
  if (place.role !== 'member') {
    const startAt = startOfDay(EPOCH - days(rng.int(400, 3650)));
    return { slot, remoteId, ...place, signedAt: startAt - days(rng.int(20, 90)), startAt, noticeAt: null, terminatedAt: null, goneAt: null,
      leave: leaveFor(rng, startAt, Infinity) };
  }
  const pending = rng.chance(0.03);
  const startAt = startOfDay(pending ? EPOCH + days(rng.int(5, 60)) : EPOCH - days(30) - Math.min(rng.exp(days(900)), days(5400)));
  const signedAt = startAt - days(rng.int(14, 75)) + rng.int(9, 17) * 3_600_000;
  const terminatedAt = startOfDay(Math.max(startAt + days(60), EPOCH - days(150) + rng.exp(MEAN_TENURE_MS)));
  const noticeAt = Math.max(signedAt, terminatedAt - days(rng.int(14, 90)) + rng.int(9, 17) * 3_600_000);
  return { slot, remoteId, ...place, signedAt, startAt, noticeAt, terminatedAt, goneAt: terminatedAt + PURGE_AFTER_MS,
    leave: leaveFor(rng, startAt, terminatedAt) };
}

function hireFate(org: Org, j: number): Fate {
  const slot = org.size + j;
  const rng = new Rng(hashSeed(org.seed, 'hire', j));
  const place = placement(org, new Rng(hashSeed(org.seed, 'hire-place', j)), org.leaderCount);
  const gap = MEAN_TENURE_MS / org.size;
  const signedAt = Math.floor(EPOCH + (j + rng.next()) * gap);
  const startAt = startOfDay(signedAt + days(rng.int(14, 60)));
  const base = { slot, remoteId: String(1001 + slot), ...place, signedAt, startAt };
  if (rng.chance(0.04)) {
    return { ...base, noticeAt: null, terminatedAt: null, goneAt: signedAt + Math.floor(rng.next() * (startAt - signedAt)), leave: null };
  }
  const terminatedAt = startOfDay(startAt + days(30) + rng.exp(MEAN_TENURE_MS));
  const noticeAt = Math.max(signedAt, terminatedAt - days(rng.int(14, 90)) + rng.int(9, 17) * 3_600_000);
  return { ...base, noticeAt, terminatedAt, goneAt: terminatedAt + PURGE_AFTER_MS, leave: leaveFor(rng, startAt, terminatedAt) };
}

/** Everyone in the system at `now`, in slot order (base staff first, then hires in hiring order). */
export function presentFates(org: Org, now: number): Fate[] {
  const out: Fate[] = [];
  const present = (f: Fate) => f.signedAt <= now && (f.goneAt === null || f.goneAt > now);
  for (let slot = 0; slot < org.size; slot++) {
    const fate = baseFate(org, slot);
    if (present(fate)) out.push(fate);
  }
  const gap = MEAN_TENURE_MS / org.size;
  for (let j = 0; EPOCH + j * gap <= now; j++) {
    const fate = hireFate(org, j);
    if (present(fate)) out.push(fate);
  }
  return out;
}

/** The person's status in the system at `now`. */
export function statusAt(fate: Fate, now: number): 'onboarding' | 'active' | 'on_leave' | 'terminated' {
  if (now < fate.startAt) return 'onboarding';
  if (fate.terminatedAt !== null && now >= fate.terminatedAt) return 'terminated';
  if (fate.leave && now >= fate.leave.from && now < fate.leave.to) return 'on_leave';
  return 'active';
}
