import { describe, expect, it } from 'vitest';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
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
});
