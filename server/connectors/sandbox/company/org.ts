import { type CountryProfile, countriesForSize } from './countries.ts';
import { Rng, hashSeed } from './random.ts';
import type { SandboxLegalEntity, SandboxLocation, SandboxOrgUnit } from './types.ts';

/** A department template: its teams, the role most of its people have and its salary base (EUR/year). */
interface DepartmentTemplate {
  name: string;
  weight: number;
  teams: string[];
  role: string;
  headTitle: string;
  leadTitle: string;
  baseSalary: number;
  skillCategory: string;
}

const DEPARTMENTS: DepartmentTemplate[] = [
  { name: 'Engineering', weight: 30, teams: ['Platform', 'Frontend', 'Backend', 'Data', 'Mobile', 'Infrastructure', 'Security', 'Quality Assurance'],
    role: 'Software Engineer', headTitle: 'VP Engineering', leadTitle: 'Engineering Manager', baseSalary: 72000, skillCategory: 'engineering' },
  { name: 'Sales', weight: 18, teams: ['Enterprise Sales', 'Mid-Market Sales', 'Sales Development', 'Sales Operations'],
    role: 'Account Executive', headTitle: 'VP Sales', leadTitle: 'Sales Manager', baseSalary: 58000, skillCategory: 'sales' },
  { name: 'Customer Success', weight: 14, teams: ['Onboarding', 'Support', 'Account Management'],
    role: 'Customer Success Manager', headTitle: 'VP Customer Success', leadTitle: 'Customer Success Lead', baseSalary: 50000, skillCategory: 'sales' },
  { name: 'Finance', weight: 6, teams: ['Accounting', 'FP&A', 'Payroll'],
    role: 'Financial Analyst', headTitle: 'Chief Financial Officer', leadTitle: 'Finance Manager', baseSalary: 62000, skillCategory: 'business' },
  { name: 'People', weight: 6, teams: ['Recruiting', 'People Operations', 'Learning & Development'],
    role: 'People Partner', headTitle: 'VP People', leadTitle: 'People Lead', baseSalary: 54000, skillCategory: 'people' },
  { name: 'Product', weight: 9, teams: ['Product Management', 'Design', 'User Research'],
    role: 'Product Manager', headTitle: 'Chief Product Officer', leadTitle: 'Group Product Manager', baseSalary: 74000, skillCategory: 'engineering' },
  { name: 'Marketing', weight: 8, teams: ['Growth', 'Content', 'Brand', 'Events'],
    role: 'Marketing Manager', headTitle: 'VP Marketing', leadTitle: 'Marketing Lead', baseSalary: 56000, skillCategory: 'business' },
  { name: 'Operations', weight: 6, teams: ['IT', 'Facilities', 'Procurement'],
    role: 'Operations Specialist', headTitle: 'Chief Operating Officer', leadTitle: 'Operations Manager', baseSalary: 47000, skillCategory: 'business' },
  { name: 'Legal', weight: 3, teams: ['Legal & Compliance'],
    role: 'Legal Counsel', headTitle: 'General Counsel', leadTitle: 'Senior Legal Counsel', baseSalary: 82000, skillCategory: 'business' },
];

const TEAM_ROLES: Record<string, string> = {
  Frontend: 'Frontend Engineer', Backend: 'Backend Engineer', Data: 'Data Engineer', Mobile: 'Mobile Engineer',
  Infrastructure: 'Site Reliability Engineer', Security: 'Security Engineer', 'Quality Assurance': 'QA Engineer',
  'Sales Development': 'Sales Development Representative', 'Sales Operations': 'Sales Operations Analyst',
  Support: 'Support Specialist', Onboarding: 'Implementation Manager', Accounting: 'Accountant', Payroll: 'Payroll Specialist',
  Recruiting: 'Recruiter', 'Learning & Development': 'Learning Specialist', Design: 'Product Designer', 'User Research': 'UX Researcher',
  Content: 'Content Marketing Manager', Events: 'Event Manager', IT: 'IT Administrator', Facilities: 'Facilities Coordinator',
  Procurement: 'Procurement Specialist',
};

const NAME_HEADS = ['Northwind', 'Bluefin', 'Lumen', 'Acorn', 'Brightwave', 'Cobalt', 'Evergreen', 'Fjord', 'Granite', 'Harbor',
  'Ironleaf', 'Juniper', 'Kestrel', 'Lighthouse', 'Meridian', 'Nimbus', 'Oakridge', 'Pinecrest', 'Quartz', 'Riverstone',
  'Silverline', 'Tidewater', 'Umbra', 'Vantage', 'Willow', 'Zephyr'];
const NAME_TAILS = ['Labs', 'Systems', 'Logistics', 'Health', 'Robotics', 'Analytics', 'Energy', 'Foods', 'Mobility', 'Software'];

export interface Department {
  unit: SandboxOrgUnit;
  costCenter: SandboxOrgUnit;
  template: DepartmentTemplate;
  teams: Team[];
  /** Employee slot index of the department head. */
  headIndex: number;
}

export interface Team {
  unit: SandboxOrgUnit;
  department: number;
  role: string;
  leadIndex: number;
  weight: number;
}

export interface Entity {
  record: SandboxLegalEntity;
  country: CountryProfile;
  locations: SandboxLocation[];
  weight: number;
}

/** The static shape of the company: fixed by seed and size, not by time. */
export interface Org {
  seed: string;
  size: number;
  name: string;
  domain: string;
  entities: Entity[];
  /** Executive office (CEO only) is department 0. */
  departments: Department[];
  teams: Team[];
  /** Slots 0..leaderCount-1 are the CEO, department heads and team leads: they neither leave nor move. */
  leaderCount: number;
}

function departmentCount(size: number): number {
  return size <= 50 ? 5 : size <= 250 ? 7 : DEPARTMENTS.length;
}

/** Builds the company's legal entities, locations, departments, teams and cost centers. */
export function buildOrg(seed: string, size: number): Org {
  const rng = new Rng(hashSeed(seed, 'org'));
  const name = `${rng.pick(NAME_HEADS)} ${rng.pick(NAME_TAILS)}`;
  const domain = `${name.toLowerCase().replace(/[^a-z]/g, '')}.example`;

  const countries = countriesForSize(size);
  let locationId = 10;
  const entities: Entity[] = countries.map((country, i) => {
    const hq = country.offices[0]!;
    const officeCount = Math.min(country.offices.length, size <= 250 ? 1 : size <= 1000 ? 2 : 3);
    const locations: SandboxLocation[] = country.offices.slice(0, officeCount).map((address, k) => ({
      id: String(locationId++),
      name: `${address.city} ${i === 0 && k === 0 ? 'HQ' : 'Office'}`,
      kind: i === 0 && k === 0 ? 'headquarters' : 'office',
      legalEntityId: String(i + 1),
      address,
      utcOffset: country.utcOffset,
    }));
    if (i === 0 || size >= 1000) {
      locations.push({ id: String(locationId++), name: `Remote (${country.code})`, kind: 'remote', legalEntityId: String(i + 1), address: null, utcOffset: country.utcOffset });
    }
    return {
      record: {
        id: String(i + 1),
        name: `${name} ${country.entitySuffix}`,
        country: country.code,
        currency: country.currency,
        registrationNumber: `${country.code}-${String(hashSeed(seed, 'reg', i) % 1_000_000).padStart(6, '0')}`,
        address: hq,
      },
      country,
      locations,
      weight: i === 0 ? 45 : 55 / (countries.length - 1) / (1 + i * 0.15),
    };
  });

  const templates = DEPARTMENTS.slice(0, departmentCount(size));
  const totalWeight = templates.reduce((s, d) => s + d.weight, 0);
  const executive: Department = {
    unit: { id: '100', name: 'Executive Office', kind: 'department', parentId: null, code: null },
    costCenter: { id: '900', name: 'CC-1000 Executive', kind: 'cost_center', parentId: null, code: 'CC-1000' },
    template: { name: 'Executive Office', weight: 0, teams: [], role: 'Chief Executive Officer', headTitle: 'Chief Executive Officer',
      leadTitle: 'Chief Executive Officer', baseSalary: 90000, skillCategory: 'business' },
    teams: [],
    headIndex: 0,
  };
  const departments: Department[] = [executive];
  templates.forEach((template, d) => {
    const code = `CC-${1100 + d * 100}`;
    departments.push({
      unit: { id: String(101 + d), name: template.name, kind: 'department', parentId: null, code: null },
      costCenter: { id: String(901 + d), name: `${code} ${template.name}`, kind: 'cost_center', parentId: null, code },
      template,
      teams: [],
      headIndex: 1 + d,
    });
  });

  let leader = departments.length;
  let teamId = 200;
  const teams: Team[] = [];
  departments.slice(1).forEach((dept, d) => {
    const share = dept.template.weight / totalWeight;
    const count = Math.max(1, Math.min(dept.template.teams.length, Math.round((size * share) / 12)));
    for (const teamName of dept.template.teams.slice(0, count)) {
      const team: Team = {
        unit: { id: String(teamId++), name: teamName, kind: 'team', parentId: dept.unit.id, code: null },
        department: d + 1,
        role: TEAM_ROLES[teamName] ?? dept.template.role,
        leadIndex: leader++,
        weight: share / count,
      };
      dept.teams.push(team);
      teams.push(team);
    }
  });

  return { seed, size, name, domain, entities, departments, teams, leaderCount: leader };
}

/** Every group of the org chart: departments, then teams, then cost centers. */
export function orgUnits(org: Org): SandboxOrgUnit[] {
  return [...org.departments.map((d) => d.unit), ...org.teams.map((t) => t.unit), ...org.departments.map((d) => d.costCenter)];
}
