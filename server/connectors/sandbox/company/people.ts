import { bankAccount } from './bank-accounts.ts';
import { type CountryProfile, emailLocalPart } from './countries.ts';
import { EPOCH, type Fate, statusAt } from './lifecycle.ts';
import type { Org } from './org.ts';
import { DAY_MS, Rng, hashSeed, iso, isoDate, startOfDay } from './random.ts';
import type { SandboxAddress, SandboxCompensation, SandboxContractType, SandboxEmployee } from './types.ts';

/** Mean time between two edits of one person's record (moves, raises, new phone, ...). */
const MEAN_EDIT_GAP_MS = 150 * DAY_MS;
const LEVELS = ['Junior ', '', 'Senior ', 'Principal '];
const LEVEL_PAY = [0.75, 1, 1.3, 1.65];
const NATIONALITIES = ['DE', 'FR', 'IT', 'ES', 'PL', 'IN', 'BR', 'US', 'GB', 'NL', 'TR', 'UA', 'PT', 'SE'];
const TSHIRTS = [['S', 20], ['M', 35], ['L', 28], ['XL', 12], ['XS', 5]] as const;
const MARITAL = [['single', 45], ['married', 40], ['partnership', 8], ['divorced', 6], ['widowed', 1]] as const;

const GENDERS = [['female', 49], ['male', 49], ['diverse', 2]] as const;
const START_LEVELS = [[0, 25], [1, 45], [2, 25], [3, 5]] as const;
const CONTRACTS: readonly (readonly [SandboxContractType, number])[] = [['permanent', 80], ['part_time', 8], ['working_student', 3],
  ['intern', 2], ['fixed_term', 3], ['freelance', 2], ['apprentice', 2]];

type EditKind = 'phone' | 'address' | 'marital' | 'tshirt' | 'team' | 'location' | 'promotion' | 'merit';
const EDIT_KINDS: readonly (readonly [EditKind, number])[] = [
  ['phone', 16], ['address', 14], ['marital', 6], ['tshirt', 6], ['team', 14], ['location', 6], ['promotion', 14], ['merit', 24],
];

/** What a person's record looks like at `now` (the caller guarantees the fate is present then). */
export interface Person {
  fate: Fate;
  employee: SandboxEmployee;
  country: CountryProfile;
  /** Index into org.teams now (null for the CEO and department heads). */
  team: number | null;
  hourly: boolean;
}

function contractFor(rng: Rng, fate: Fate, country: CountryProfile): SandboxContractType {
  if (fate.role !== 'member') return 'permanent';
  const kind = rng.weighted(CONTRACTS);
  if ((kind === 'working_student' || kind === 'apprentice') && country.code !== 'DE' && country.code !== 'NL') return 'part_time';
  return kind;
}

function titleFor(org: Org, fate: Fate, team: number | null, level: number): string {
  const dept = org.departments[fate.department]!.template;
  if (fate.role === 'ceo') return 'Chief Executive Officer';
  if (fate.role === 'head') return dept.headTitle;
  if (fate.role === 'lead') return dept.leadTitle;
  return `${LEVELS[level]}${team === null ? dept.role : org.teams[team]!.role}`;
}

function homeAddress(country: CountryProfile, rng: Rng, office: SandboxAddress | null): SandboxAddress {
  const f = country.faker;
  const near = office ?? country.offices[0]!;
  const local = rng.chance(0.75);
  const zip = /^\d{4,5}$/.test(near.postalCode) && local
    ? near.postalCode.slice(0, -2) + String(rng.int(0, 99)).padStart(2, '0')
    : f.location.zipCode();
  return { street: f.location.streetAddress(), street2: rng.chance(0.1) ? `Apt ${rng.int(1, 40)}` : null,
    city: local ? near.city : f.location.city(), postalCode: zip, state: local ? near.state : null, country: country.code };
}

function identifiers(rng: Rng, code: string): { taxId: string | null; ssn: string | null } {
  const d = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  switch (code) {
    case 'DE': return { taxId: d(11), ssn: `${d(2)} ${d(6)} ${String.fromCharCode(65 + rng.int(0, 25))} ${d(3)}` };
    case 'GB': return { taxId: null, ssn: `Q${String.fromCharCode(65 + rng.int(0, 22))} ${d(2)} ${d(2)} ${d(2)} ${'ABCD'[rng.int(0, 3)]}` };
    case 'US': return { taxId: null, ssn: `${rng.int(100, 665)}-${d(2)}-${d(4)}` };
    case 'FR': return { taxId: d(13), ssn: `${rng.int(1, 2)}${d(14)}` };
    case 'NL': return { taxId: null, ssn: d(9) };
    case 'ES': return { taxId: `${d(8)}${'TRWAGMYFPDXBNJZSQVHLCKE'[rng.int(0, 22)]}`, ssn: d(12) };
    case 'CA': return { taxId: null, ssn: `${d(3)} ${d(3)} ${d(3)}` };
    default: return { taxId: `${d(3)} ${d(3)} ${d(3)}`, ssn: null };
  }
}

/** Starting pay for a contract, in the country's currency. */
function startingPay(org: Org, fate: Fate, country: CountryProfile, contract: SandboxContractType, level: number, rng: Rng) {
  const dept = org.departments[fate.department]!.template;
  const roleFactor = fate.role === 'ceo' ? 3 : fate.role === 'head' ? 2.2 : fate.role === 'lead' ? 1.5 : LEVEL_PAY[level]!;
  const yearly = dept.baseSalary * country.payFactor * roleFactor * (0.9 + rng.next() * 0.2);
  const round = (v: number, step: number) => Math.round(v / step) * step;
  switch (contract) {
    case 'working_student': return { amount: round(14 + rng.next() * 5, 0.5), per: 'hour' as const, weeklyHours: 20 };
    case 'intern': return { amount: round(1200 + rng.next() * 800, 50), per: 'month' as const, weeklyHours: country.weeklyHours };
    case 'apprentice': return { amount: round(1000 + rng.next() * 300, 10), per: 'month' as const, weeklyHours: country.weeklyHours };
    case 'freelance': return { amount: round(450 + rng.next() * 500, 25), per: 'day' as const, weeklyHours: country.weeklyHours };
    case 'part_time': {
      const hours = rng.pick([16, 20, 24, 30]);
      if (country.code === 'US' || country.code === 'CA') return { amount: round(yearly / 2080, 0.25), per: 'hour' as const, weeklyHours: hours };
      return { amount: round((yearly * hours) / country.weeklyHours, 500), per: 'year' as const, weeklyHours: hours };
    }
    default:
      if ((country.code === 'FR' || country.code === 'ES') && rng.chance(0.3)) return { amount: round(yearly / 12, 50), per: 'month' as const, weeklyHours: country.weeklyHours };
      return { amount: round(yearly, 500), per: 'year' as const, weeklyHours: country.weeklyHours };
  }
}

/** Builds one person's record as it stands at `now`, applying every edit that happened up to then. */
export function buildPerson(org: Org, fate: Fate, now: number, takenEmails: Set<string>): Person {
  const entity = org.entities[fate.entity]!;
  const country = entity.country;
  const f = country.faker;
  const rng = new Rng(hashSeed(org.seed, 'person', fate.slot));
  f.seed(hashSeed(org.seed, 'names', fate.slot));
  const gender = rng.weighted(GENDERS);
  const firstName = f.person.firstName(gender === 'diverse' ? undefined : gender);
  const lastName = f.person.lastName();

  let level: number = fate.role === 'member' ? rng.weighted(START_LEVELS) : 3;
  let team = fate.team;
  const officeLocations = entity.locations.filter((l) => l.kind !== 'remote');
  const remote = entity.locations.find((l) => l.kind === 'remote');
  let location = remote && rng.chance(0.12) ? remote : rng.pick(officeLocations);
  const contract = contractFor(rng, fate, country);
  const pay = startingPay(org, fate, country, contract, level, rng);
  const payCycle = country.code === 'US' && rng.chance(0.4) ? 'semimonthly' : country.payCycle;
  const compensation: SandboxCompensation[] = [{
    id: `${fate.remoteId}-1`, effectiveFrom: isoDate(fate.startAt), title: titleFor(org, fate, team, level), contractType: contract,
    amount: pay.amount, currency: country.currency, per: pay.per, payCycle, weeklyHours: pay.weeklyHours, reason: 'hire',
  }];

  let phoneEdit = 0, addressEdit = 0, maritalEdit = 0, tshirtEdit = 0;
  let updatedAt = fate.signedAt;
  const editsRng = new Rng(hashSeed(org.seed, 'edits', fate.slot));
  const editsUntil = Math.min(now, fate.terminatedAt ?? Infinity);
  for (let t = Math.max(EPOCH, fate.startAt) + editsRng.exp(MEAN_EDIT_GAP_MS), k = 1; t <= editsUntil; t += editsRng.exp(MEAN_EDIT_GAP_MS), k++) {
    const kind = editsRng.weighted(EDIT_KINDS);
    const leader = fate.role !== 'member';
    const at = Math.floor(t);
    if (kind === 'phone') phoneEdit = k;
    else if (kind === 'address') addressEdit = k;
    else if (kind === 'marital') maritalEdit = k;
    else if (kind === 'tshirt') tshirtEdit = k;
    else if (kind === 'team' && !leader && team !== null) {
      const current = org.teams[team]!;
      const sameDept = org.departments[current.department]!.teams;
      const next = editsRng.chance(0.7) && sameDept.length > 1 ? editsRng.pick(sameDept) : editsRng.pick(org.teams);
      team = org.teams.indexOf(next);
    } else if (kind === 'location' && !leader) location = editsRng.pick(entity.locations);
    else if (kind === 'promotion' || kind === 'merit') {
      const prev = compensation[compensation.length - 1]!;
      const promote = kind === 'promotion' && !leader && level < 3 && prev.per !== 'hour';
      if (promote) level++;
      const factor = promote ? 1.08 + editsRng.next() * 0.07 : 1.02 + editsRng.next() * 0.03;
      const step = prev.per === 'year' ? 100 : prev.per === 'hour' ? 0.25 : 10;
      compensation.push({ ...prev, id: `${fate.remoteId}-${compensation.length + 1}`, effectiveFrom: isoDate(startOfDay(at) + DAY_MS),
        title: promote ? titleFor(org, fate, team, level) : prev.title, amount: Math.round((prev.amount * factor) / step) * step,
        reason: promote ? 'promotion' : 'merit_increase' });
    } else continue;
    updatedAt = at;
  }
  for (const t of [fate.startAt, fate.noticeAt, fate.terminatedAt, fate.leave?.from, fate.leave?.to]) {
    if (t != null && t <= now && t > updatedAt) updatedAt = t;
  }

  f.seed(hashSeed(org.seed, 'phone', fate.slot, phoneEdit));
  const mobile = f.phone.number({ style: 'international' });
  f.seed(hashSeed(org.seed, 'address', fate.slot, addressEdit));
  const address = homeAddress(country, new Rng(hashSeed(org.seed, 'address-rng', fate.slot, addressEdit)), location.address);
  const marital = maritalEdit === 0 ? rng.weighted(MARITAL) : new Rng(hashSeed(org.seed, 'marital', fate.slot, maritalEdit)).weighted(MARITAL);
  const tshirt = new Rng(hashSeed(org.seed, 'tshirt', fate.slot, tshirtEdit)).weighted(TSHIRTS);

  let local = emailLocalPart(firstName, lastName);
  if (takenEmails.has(local)) local = `${local}.${fate.remoteId}`;
  takenEmails.add(local);
  const ids = identifiers(rng, country.code);
  const age = 22 + Math.floor(rng.exp(10 * 365) / 365) % 40;
  const birth = startOfDay(fate.startAt - age * 365.25 * DAY_MS - rng.int(0, 364) * DAY_MS);
  const privateEmail = rng.chance(0.7) ? `${emailLocalPart(firstName)}${emailLocalPart(lastName).slice(0, 1)}${rng.int(1, 99)}@${rng.pick(country.privateMailDomains)}` : null;
  const status = statusAt(fate, now);
  const today = isoDate(now);
  const dept = org.departments[team === null ? fate.department : org.teams[team]!.department]!;
  const manager = fate.role === 'ceo' ? null : fate.role === 'head' ? 0 : fate.role === 'lead' ? dept.headIndex : org.teams[team!]!.leadIndex;

  const employee: SandboxEmployee = {
    id: fate.remoteId,
    employeeNumber: `E${fate.remoteId.padStart(5, '0')}`,
    firstName, lastName,
    gender,
    birthDate: rng.chance(0.97) ? isoDate(birth) : null,
    nationality: rng.chance(0.85) ? country.code : rng.pick(NATIONALITIES),
    maritalStatus: rng.chance(0.9) ? marital : null,
    workEmail: `${local}@${org.domain}`,
    privateEmail,
    mobile: rng.chance(0.92) ? mobile : null,
    taxId: ids.taxId,
    socialSecurityNumber: ids.ssn,
    status,
    hireDate: isoDate(fate.startAt),
    terminationDate: fate.terminatedAt !== null && fate.noticeAt !== null && fate.noticeAt <= now ? isoDate(fate.terminatedAt) : null,
    departmentId: dept.unit.id,
    teamId: team === null ? null : org.teams[team]!.unit.id,
    costCenterId: dept.costCenter.id,
    locationId: location.id,
    legalEntityId: entity.record.id,
    managerId: manager === null ? null : String(1001 + manager),
    homeAddress: rng.chance(0.95) ? address : null,
    bankAccount: status === 'onboarding' && rng.chance(0.5) ? null : bankAccount(new Rng(hashSeed(org.seed, 'bank', fate.slot)), country.code, `${firstName} ${lastName}`),
    compensation: compensation.filter((c) => c.effectiveFrom <= today || c.reason === 'hire'),
    attributes: { tshirtSize: tshirt, preferredLanguage: country.preferredLanguage, remoteWorker: location.kind === 'remote',
      parkingSpot: rng.chance(0.1) ? `P-${rng.int(1, 120)}` : null },
    photoUrl: rng.chance(0.6) ? `https://avatars.sandbox-hr.example/${org.domain}/${fate.remoteId}.jpg` : null,
    createdAt: iso(fate.signedAt),
    updatedAt: iso(updatedAt),
  };
  return { fate, employee, country, team, hourly: compensation[compensation.length - 1]!.per === 'hour' };
}
