import { maintenanceStep } from '../../../server/domain/store-maintenance.ts';

const table = (liveRows: number, deadRows: number, changedSinceAnalyze: number) => ({ schema: 'public', table: 't', liveRows, deadRows, changedSinceAnalyze });

describe("the embedded store's autovacuum rules (PostgreSQL's defaults)", () => {
  it('vacuums a table once more than 50 rows plus a fifth of its rows are dead', () => {
    expect(maintenanceStep(table(1_000, 250, 0))).toBeNull();
    expect(maintenanceStep(table(1_000, 251, 0))).toBe('vacuum');
    expect(maintenanceStep(table(0, 51, 0))).toBe('vacuum');
  });

  it('analyzes a table once more than 50 rows plus a tenth of its rows changed since its last analysis', () => {
    expect(maintenanceStep(table(1_000, 0, 150))).toBeNull();
    expect(maintenanceStep(table(1_000, 0, 151))).toBe('analyze');
    expect(maintenanceStep(table(10_000, 0, 10_000))).toBe('analyze');
  });

  it('vacuums (which analyzes too) when both are due, and leaves a quiet table alone', () => {
    expect(maintenanceStep(table(100, 500, 500))).toBe('vacuum');
    expect(maintenanceStep(table(100, 0, 0))).toBeNull();
  });
});
