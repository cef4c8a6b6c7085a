import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { HrisSnapshot } from '../../../server/connectors/unified-hris.ts';
import { MODEL_KEYS, SNAPSHOT_FIELD } from '../../../server/domain/hris/models.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';

const readSandbox = (size = '50') => sandboxDataSource.readHris({ integrationId: 'sandbox:prepare', credentials: { company_size: size },
  now: new Date('2026-03-02T08:00:00.000Z'), type: 'FULL', since: null });

describe('prepareSnapshot', () => {
  it('keeps each record as its JSON text and gives back an equal record, not the object it was given', async () => {
    const snapshot = await readSandbox();
    const expected = JSON.parse(JSON.stringify(snapshot)) as HrisSnapshot;
    const { byModel } = await prepareSnapshot('sandbox:prepare', snapshot);
    for (const model of MODEL_KEYS) {
      const given = snapshot[SNAPSHOT_FIELD[model]] as { remoteId: string }[];
      expect(byModel[model].length).toBe(given.length);
      byModel[model].forEach((p, i) => {
        expect(p.json).toBe(JSON.stringify(given[i]));
        expect(p.rec).toStrictEqual((expected[SNAPSHOT_FIELD[model]] as unknown[])[i]);
      });
    }
    // What the source handed over is not held: changing it afterwards changes nothing prepared.
    const employee = snapshot.employees[0]!;
    const before = byModel.employees[0]!.rec.firstName;
    employee.firstName = `${before ?? ''} (changed after preparing)`;
    expect(byModel.employees[0]!.rec.firstName).toBe(before);
  });

  it('hands out one parsed object for a record while it is in use', async () => {
    const { byModel } = await prepareSnapshot('sandbox:prepare', await readSandbox());
    const employee = byModel.employees[0]!;
    expect(employee.rec).toBe(employee.rec);
  });

  it('holds only the records parsed last: one read after 512 others is parsed again, equal', async () => {
    const { byModel } = await prepareSnapshot('sandbox:prepare', await readSandbox('250'));
    const employee = byModel.employees[0]!;
    const first = employee.rec;
    const others = MODEL_KEYS.flatMap((m) => byModel[m] as { rec: unknown }[]).filter((p) => p !== employee);
    for (const p of others.slice(0, 511)) void p.rec;
    expect(employee.rec).toBe(first);
    for (const p of others.slice(511, 1023)) void p.rec;
    const again = employee.rec;
    expect(again).not.toBe(first);
    expect(again).toStrictEqual(first);
  });
});
