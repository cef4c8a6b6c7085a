import { describe, expect, it } from 'vitest';
import { buildCompany } from '../../../server/connectors/sandbox/company/company.ts';
import { EPOCH } from '../../../server/connectors/sandbox/company/lifecycle.ts';
import type { SandboxEmployee } from '../../../server/connectors/sandbox/company/types.ts';

const DAY = 86_400_000;
const T = new Date('2026-01-15T09:00:00.000Z');
const after = (days: number) => new Date(T.getTime() + days * DAY);
const byId = (employees: SandboxEmployee[]) => new Map(employees.map((e) => [e.id, e]));

describe('buildCompany', () => {
  describe('with the same seed, size and time', () => {
    it('builds the same company', () => {
      expect(buildCompany({ seed: 'same', size: 250 }, T)).toStrictEqual(buildCompany({ seed: 'same', size: 250 }, T));
    });
  });

  describe('with another seed', () => {
    it('builds another company', () => {
      const a = buildCompany({ seed: 'a', size: 50 }, T);
      const b = buildCompany({ seed: 'b', size: 50 }, T);
      expect(b.employees.map((e) => e.lastName)).not.toStrictEqual(a.employees.map((e) => e.lastName));
    });
  });

  describe.each([50, 250, 1000] as const)('of size %i', (size) => {
    const company = buildCompany({ seed: 'sizes', size }, T);

    it('has about that many people', () => {
      expect(company.employees.length).toBeGreaterThan(size * 0.85);
      expect(company.employees.length).toBeLessThan(size * 1.2);
    });

    it('has active and terminated people', () => {
      expect(company.employees.some((e) => e.status === 'active') && company.employees.some((e) => e.status === 'terminated')).toBe(true);
    });

    it('has legal entities in several countries with their currencies', () => {
      expect(company.legalEntities.length).toBeGreaterThanOrEqual(2);
      expect(new Set(company.employees.map((e) => e.compensation.at(-1)!.currency)).size).toBeGreaterThanOrEqual(2);
    });

    it('gives every person a manager in the company except the CEO', () => {
      const ids = new Set(company.employees.map((e) => e.id));
      const top = company.employees.filter((e) => e.managerId === null);
      expect(top.map((e) => e.compensation.at(-1)!.title)).toStrictEqual(['Chief Executive Officer']);
      expect(company.employees.every((e) => e.managerId === null || ids.has(e.managerId))).toBe(true);
    });

    it('uses unique work e-mails the spec pattern accepts', () => {
      const pattern = /^(?!\.)(?!.*\.\.)([\w'+-.]*)[\w+-]@([\da-z][\da-z-]*\.)+[a-z]{2,}$/;
      const emails = company.employees.map((e) => e.workEmail);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.filter((e) => !pattern.test(e))).toStrictEqual([]);
      expect(company.employees.map((e) => e.privateEmail).filter((e) => e !== null && !pattern.test(e))).toStrictEqual([]);
    });

    it('references only org units, locations and entities that exist', () => {
      const units = new Set(company.orgUnits.map((u) => u.id));
      const locations = new Set(company.locations.map((l) => l.id));
      const entities = new Set(company.legalEntities.map((l) => l.id));
      for (const e of company.employees) {
        expect([e.departmentId, e.costCenterId, ...(e.teamId ? [e.teamId] : [])].every((u) => units.has(u))).toBe(true);
        expect(locations.has(e.locationId) && entities.has(e.legalEntityId)).toBe(true);
      }
    });
  });

  describe.each([250, 1000] as const)('of size %i at any time of a year', (size) => {
    it('has people in every status', () => {
      for (let month = 0; month < 12; month++) {
        const company = buildCompany({ seed: `statuses-${size}`, size }, new Date(Date.UTC(2026, month, 10)));
        expect(new Set(company.employees.map((e) => e.status))).toStrictEqual(new Set(['active', 'onboarding', 'terminated', 'on_leave']));
      }
    });
  });

  describe('over time', () => {
    const seed = 'evolving';
    const before = buildCompany({ seed, size: 250 }, T);
    const later = buildCompany({ seed, size: 250 }, after(60));

    it('hires people', () => {
      const old = byId(before.employees);
      expect(later.employees.filter((e) => !old.has(e.id)).length).toBeGreaterThan(3);
    });

    it('terminates people, announcing the date before their last day', () => {
      const now = byId(later.employees);
      const leaving = before.employees.filter((e) => e.status !== 'terminated' && now.get(e.id)?.status === 'terminated');
      expect(leaving.length).toBeGreaterThan(0);
      expect(leaving.every((e) => now.get(e.id)!.terminationDate !== null)).toBe(true);
    });

    it('edits some records and leaves the others exactly as they were', () => {
      const now = byId(later.employees);
      const kept = before.employees.filter((e) => now.has(e.id));
      const edited = kept.filter((e) => JSON.stringify(now.get(e.id)) !== JSON.stringify(e));
      expect(edited.length).toBeGreaterThan(0);
      expect(edited.length).toBeLessThan(kept.length / 2);
      expect(edited.every((e) => now.get(e.id)!.updatedAt > e.updatedAt)).toBe(true);
    });

    it('never changes the past: a person untouched since an instant is identical at any later instant', () => {
      const now = byId(later.employees);
      const untouched = later.employees.filter((e) => Date.parse(e.updatedAt) <= T.getTime() && e.status !== 'terminated');
      const old = byId(before.employees);
      expect(untouched.length).toBeGreaterThan(100);
      for (const e of untouched) expect(now.get(e.id)).toStrictEqual(old.get(e.id));
    });

    it('starts evolving at the epoch', () => {
      expect(buildCompany({ seed, size: 50 }, new Date(EPOCH - DAY)).employees.every((e) => Date.parse(e.createdAt) < EPOCH)).toBe(true);
    });
  });
});
