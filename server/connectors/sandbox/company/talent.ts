import { EPOCH, type Fate } from './lifecycle.ts';
import type { Org } from './org.ts';
import type { Person } from './people.ts';
import { DAY_MS, Rng, hashSeed, iso, isoDate } from './random.ts';
import type { SandboxDocumentCategory, SandboxOpening, SandboxReview, SandboxReviewCycle, SandboxSkill, SandboxSkillAssignment } from './types.ts';

const LEVELS = ['Beginner', 'Intermediate', 'Advanced', 'Expert'];
const skill = (id: string, name: string, category: string, description: string): SandboxSkill => ({ id, name, category, description, levels: LEVELS });

export const SKILLS: SandboxSkill[] = [
  skill('1', 'TypeScript', 'engineering', 'Typed JavaScript for web and server applications.'),
  skill('2', 'SQL', 'engineering', 'Querying and modelling relational databases.'),
  skill('3', 'Cloud infrastructure', 'engineering', 'Running services on AWS, GCP or Azure.'),
  skill('4', 'System design', 'engineering', 'Designing reliable distributed systems.'),
  skill('5', 'Python', 'engineering', 'Scripting, data work and backend services in Python.'),
  skill('6', 'User research', 'engineering', 'Interviews, usability tests and synthesis.'),
  skill('7', 'Negotiation', 'sales', 'Reaching agreements that hold.'),
  skill('8', 'Account planning', 'sales', 'Growing strategic customer accounts.'),
  skill('9', 'CRM hygiene', 'sales', 'Keeping pipeline data accurate.'),
  skill('10', 'Public speaking', 'business', 'Presenting to large audiences.'),
  skill('11', 'Financial modelling', 'business', 'Forecasts, budgets and scenarios.'),
  skill('12', 'Project management', 'business', 'Planning and delivering cross-team projects.'),
  skill('13', 'Interviewing', 'people', 'Structured, fair candidate interviews.'),
  skill('14', 'Employment law', 'people', 'Labour law basics across our countries.'),
  skill('15', 'Coaching', 'people', 'Helping others grow through feedback.'),
  skill('16', 'German', 'language', 'Business-level German.'),
  skill('17', 'French', 'language', 'Business-level French.'),
  skill('18', 'Spanish', 'language', 'Business-level Spanish.'),
];

export const DOCUMENT_CATEGORIES: SandboxDocumentCategory[] = [
  'Employment contracts', 'Payslips', 'Certificates', 'Performance reviews', 'Onboarding', 'Identification', 'Tax forms', 'Other',
].map((name, i) => ({ id: String(i + 1), name }));

/** Skills a person has now; their level grows with tenure. */
export function skillAssignments(org: Org, person: Person, now: number): SandboxSkillAssignment[] {
  const { fate, employee } = person;
  const rng = new Rng(hashSeed(org.seed, 'skills', fate.slot));
  const category = org.departments[fate.department]!.template.skillCategory;
  const pool = SKILLS.filter((s) => s.category === category);
  const count = category === 'engineering' ? rng.int(1, 2) : rng.chance(0.5) ? 1 : 0;
  const chosen = new Set<SandboxSkill>();
  for (let i = 0; i < count; i++) chosen.add(rng.pick(pool));
  const tenureYears = Math.max(0, (now - fate.startAt) / (365 * DAY_MS));
  const base = rng.int(0, 2);
  return [...chosen].map((s) => ({ id: `${employee.id}-${s.id}`, employeeId: employee.id, skillId: s.id,
    level: LEVELS[Math.min(3, base + Math.floor(tenureYears / 2))]! }));
}

interface CycleTimes {
  cycle: SandboxReviewCycle;
  createdAt: number;
  reviewsAt: number;
  numeric: boolean;
}

/** Half-yearly review cycles; the system keeps the last three. */
export function reviewCycles(now: number): CycleTimes[] {
  const out: CycleTimes[] = [];
  for (let year = new Date(EPOCH).getUTCFullYear() - 1; ; year++) {
    let done = false;
    for (const half of [0, 1]) {
      const start = Date.UTC(year, half * 6, 1);
      const createdAt = start - 14 * DAY_MS;
      if (createdAt > now) {
        done = true;
        break;
      }
      out.push({ cycle: { id: `${year}-H${half + 1}`, name: `H${half + 1} ${year} Performance Review`, periodStart: isoDate(start) },
        createdAt, reviewsAt: start + 150 * DAY_MS, numeric: half === 0 });
    }
    if (done) break;
  }
  return out.slice(-3);
}

const COMMENTS = ['Consistently strong delivery.', 'Great collaboration across teams.', 'Needs to focus on prioritisation.',
  'Took ownership of a difficult project.', 'Grew a lot this period.', 'Solid performance, room to mentor others.'];
const LABELS = ['Below expectations', 'Meets expectations', 'Exceeds expectations', 'Outstanding'];

/** Self and manager reviews of a sample of people per cycle; they appear when the review phase opens. */
export function reviews(org: Org, person: Person, cycles: CycleTimes[], now: number): SandboxReview[] {
  const { fate, employee } = person;
  const out: SandboxReview[] = [];
  for (const c of cycles) {
    const rng = new Rng(hashSeed(org.seed, 'review', c.cycle.id, fate.slot));
    if (!rng.chance(0.12) || c.reviewsAt > now || fate.startAt > c.reviewsAt) continue;
    const scale: SandboxReview['scale'] = c.numeric ? { kind: 'numeric', min: 1, max: 5 } : { kind: 'labels', labels: LABELS };
    const kinds: ('self' | 'manager')[] = employee.managerId ? ['self', 'manager'] : ['self'];
    for (const kind of kinds) {
      const submittedAt = c.reviewsAt + rng.int(kind === 'self' ? 1 : 10, kind === 'self' ? 20 : 40) * DAY_MS;
      const submitted = submittedAt <= now;
      const rating = c.numeric ? rng.int(2, 5) : rng.weighted([[LABELS[0]!, 5], [LABELS[1]!, 55], [LABELS[2]!, 30], [LABELS[3]!, 10]] as const);
      out.push({ id: `${c.cycle.id}-${employee.id}-${kind}`, cycleId: c.cycle.id, revieweeId: employee.id,
        reviewerId: kind === 'self' ? employee.id : employee.managerId, kind, scale,
        rating: submitted ? rating : null, comment: submitted ? rng.pick(COMMENTS) : null,
        submittedAt: submitted ? iso(submittedAt) : null, createdAt: iso(c.reviewsAt) });
    }
  }
  return out;
}

/** One job per team role; a requisition per recent or upcoming hire (open until signed, then filled). */
export function openings(org: Org, hires: Fate[], now: number): SandboxOpening[] {
  const out: SandboxOpening[] = [];
  const created = iso(Date.UTC(2022, 0, 10));
  org.teams.forEach((team, i) => {
    const dept = org.departments[team.department]!;
    out.push({ id: `J${i + 1}`, title: team.role, kind: 'job', state: 'open', openings: null, unlimited: true, parentId: null,
      description: `${team.role} in our ${team.unit.name} team (${dept.unit.name}).`, contractTypes: ['permanent', 'part_time'],
      locationIds: [], legalEntityIds: org.entities.map((e) => e.record.id), orgUnitIds: [dept.unit.id, team.unit.id],
      createdAt: created, updatedAt: created });
  });
  for (const fate of hires) {
    if (fate.team === null) continue;
    const openedAt = fate.signedAt - 45 * DAY_MS;
    if (openedAt > now || fate.signedAt < now - 90 * DAY_MS) continue;
    const team = org.teams[fate.team]!;
    const entity = org.entities[fate.entity]!;
    const withdrawn = fate.goneAt !== null && fate.terminatedAt === null;
    const filled = fate.signedAt <= now;
    const state = withdrawn && fate.goneAt! <= now ? 'open' : filled ? 'filled' : 'open';
    const changed = state === 'filled' ? fate.signedAt : withdrawn && fate.goneAt! <= now ? fate.goneAt! : openedAt;
    out.push({ id: `R${fate.remoteId}`, title: team.role, kind: 'requisition', state, openings: 1, unlimited: false,
      parentId: `J${fate.team + 1}`, description: `Backfill or growth hire for ${team.unit.name}.`, contractTypes: ['permanent'],
      locationIds: entity.locations.slice(0, 1).map((l) => l.id), legalEntityIds: [entity.record.id], orgUnitIds: [team.unit.id],
      createdAt: iso(openedAt), updatedAt: iso(changed) });
  }
  return out;
}
