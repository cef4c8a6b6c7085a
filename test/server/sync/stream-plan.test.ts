import { describe, expect, it, vi } from 'vitest';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { RecordWrite } from '../../../server/store/queries/hris-records.ts';
import { type PlannedWrites, streamPlan } from '../../../server/domain/sync/apply.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';
import { domainFixture } from '../../helpers/domain-fixture.ts';
import { testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)('planning a sync in parts (%s)', (storeName) => {
  const fixture = domainFixture(storeName);

  /** A never-synced integration and its prepared first snapshot (1,000 employees: several thousand records). */
  async function firstSnapshot() {
    const id = await createTestIntegration(fixture.deps, fixture.tenant, { credentials: { company_size: '1000' } });
    const snapshot = await sandboxDataSource.readHris({ integrationId: id, credentials: { company_size: '1000' }, now: fixture.deps.clock(), type: 'FULL', since: null });
    return { id, prepared: await prepareSnapshot(id, snapshot) };
  }

  it('hands the writes on in bounded parts, one at a time, each only after the one before was written', async () => {
    const { id, prepared } = await firstSnapshot();
    const parts: PlannedWrites[] = [];
    let writing = false;
    let overlapped = false;
    const summary = await streamPlan(fixture.deps.db, id, prepared.byModel, prepared.lookup, testSyncDeps(fixture.deps).mappers, fixture.deps.clock(), {}, async (writes) => {
      if (writing) overlapped = true;
      writing = true;
      parts.push(writes);
      await new Promise((resolve) => setTimeout(resolve, 5));
      writing = false;
    });

    const created = Object.values(summary.counts).reduce((sum, c) => sum + c.created, 0);
    expect(created).toBeGreaterThan(4000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(part.inserts.length + part.updates.length).toBeLessThanOrEqual(2000);
    expect(overlapped).toBe(false);
    // Every record is handed on exactly once, and the first sync only inserts.
    const ids = parts.flatMap((p) => p.inserts.map((w) => `${w.model}/${w.id}`));
    expect(ids).toHaveLength(created);
    expect(new Set(ids).size).toBe(created);
    expect(parts.every((p) => p.updates.length === 0)).toBe(true);
  });

  it("gives other work (the store's client) turns of the event loop while a part is being rendered", async () => {
    const { id, prepared } = await firstSnapshot();
    // Counts the event loop's turns from the first part's hand-over to the second's (1,000 records apart).
    let ticking = false;
    let turns = 0;
    const tick = () => {
      if (!ticking) return;
      turns++;
      setImmediate(tick);
    };
    let calls = 0;
    let turnsBetweenParts = -1;
    await streamPlan(fixture.deps.db, id, prepared.byModel, prepared.lookup, testSyncDeps(fixture.deps).mappers, fixture.deps.clock(), {}, async () => {
      calls++;
      if (calls === 1) {
        ticking = true;
        setImmediate(tick);
      } else if (calls === 2) {
        ticking = false;
        turnsBetweenParts = turns;
      }
    });
    expect(calls).toBeGreaterThan(2);
    // A break every 200 records besides the one at the hand-over: at least five turns, not one.
    expect(turnsBetweenParts).toBeGreaterThanOrEqual(5);
  });

  it('stops planning with the error of a part that failed to be written', async () => {
    const { id, prepared } = await firstSnapshot();
    let calls = 0;
    const planning = streamPlan(fixture.deps.db, id, prepared.byModel, prepared.lookup, testSyncDeps(fixture.deps).mappers, fixture.deps.clock(), {}, async () => {
      calls++;
      throw new Error('the store refused the part');
    });
    await expect(planning).rejects.toThrow('the store refused the part');
    expect(calls).toBe(1);
  });
  it("writes each employee's employments and time-off balances right after it, parsed once, with seqs in the source's order", async () => {
    const { id, prepared } = await firstSnapshot();
    const { employees, employments, time_off_balances: balances } = prepared.byModel;
    const childTexts = new Set([...employments, ...balances].map((p) => p.json));
    const parse = vi.spyOn(JSON, 'parse');
    const written: RecordWrite[] = [];
    try {
      await streamPlan(fixture.deps.db, id, prepared.byModel, prepared.lookup, testSyncDeps(fixture.deps).mappers, fixture.deps.clock(), {}, async (writes) => {
        written.push(...writes.inserts);
      });
      // Rendering an employee parses the children it embeds; theirs, right after, finds them parsed.
      const childParses = parse.mock.calls.filter(([text]) => childTexts.has(text as string)).length;
      expect(childParses).toBe(childTexts.size);
    } finally {
      parse.mockRestore();
    }

    const parentOf = (w: RecordWrite) => (JSON.parse(w.record!) as { employeeRemoteId: string }).employeeRemoteId;
    let current: string | null = null;
    for (const w of written) {
      if (w.model === 'employees') current = w.remoteId;
      else if (w.model === 'employments' || w.model === 'time_off_balances') expect({ model: w.model, parent: parentOf(w) }).toStrictEqual({ model: w.model, parent: current });
      else current = null;
    }
    expect(written.filter((w) => w.model === 'employees')).toHaveLength(employees.length);
    // The keyset order of the API's lists stays the source's: seqs are given in the snapshot's order.
    for (const list of [employees, employments, balances]) {
      const seqOf = new Map(written.filter((w) => w.model === list[0]!.model).map((w) => [w.id, w.seq]));
      expect(list.map((p) => seqOf.get(p.id))).toStrictEqual(list.map((_, i) => i + 1));
    }
  });
});
