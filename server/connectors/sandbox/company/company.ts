import { TIME_OFF_POLICIES, shifts, timeOff } from './activity.ts';
import { presentFates } from './lifecycle.ts';
import { buildOrg, orgUnits } from './org.ts';
import { buildPerson } from './people.ts';
import { iso } from './random.ts';
import { DOCUMENT_CATEGORIES, SKILLS, openings, reviewCycles, reviews, skillAssignments } from './talent.ts';
import type { SandboxCompany } from './types.ts';

/** Sizes offered by the Sandbox's `company_size` credential. */
export const COMPANY_SIZES = [50, 250, 1000, 10000] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export interface CompanyConfig {
  /** Any string; the same seed always yields the same company. */
  seed: string;
  size: CompanySize;
}

/**
 * The simulated company as it stands at `now`: a pure function of (seed, size, now). Every entity
 * draws from its own seeded generator, so the result never depends on evaluation order across entities.
 */
export function buildCompany(config: CompanyConfig, now: Date): SandboxCompany {
  const at = now.getTime();
  const org = buildOrg(config.seed, config.size);
  const fates = presentFates(org, at);
  const takenEmails = new Set<string>();
  const people = fates.map((fate) => buildPerson(org, fate, at, takenEmails));
  const cycles = reviewCycles(at);
  const locationOffset = new Map(org.entities.flatMap((e) => e.locations.map((l) => [l.id, l.utcOffset] as const)));

  const company: SandboxCompany = {
    name: org.name,
    domain: org.domain,
    asOf: iso(at),
    legalEntities: org.entities.map((e) => e.record),
    locations: org.entities.flatMap((e) => e.locations),
    orgUnits: orgUnits(org),
    employees: [],
    timeOffPolicies: TIME_OFF_POLICIES,
    timeOffBalances: [],
    timeOffRequests: [],
    shifts: [],
    reviewCycles: cycles.map((c) => c.cycle),
    reviews: [],
    skills: SKILLS,
    skillAssignments: [],
    openings: openings(org, fates.filter((f) => f.slot >= org.size), at),
    documentCategories: DOCUMENT_CATEGORIES,
  };
  for (const person of people) {
    company.employees.push(person.employee);
    const { requests, balances } = timeOff(org, person, at);
    company.timeOffRequests.push(...requests);
    company.timeOffBalances.push(...balances);
    company.shifts.push(...shifts(org, person, locationOffset.get(person.employee.locationId) ?? '+00:00', at));
    company.reviews.push(...reviews(org, person, cycles, at));
    company.skillAssignments.push(...skillAssignments(org, person, at));
  }
  return company;
}
