import { requestSync } from '../../../server/domain/sync/queue.ts';
import type { SyncLogger } from '../../../server/domain/sync/sync-deps.ts';
import { domainFixture } from '../../helpers/domain-fixture.ts';
import { runQueuedSync } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)("a sync's log line (%s)", (storeName) => {
  const fixture = domainFixture(storeName);

  it('says where a successful run spent its time: reading, preparing, planning and writing', async () => {
    const lines: { obj: Record<string, unknown>; msg?: string }[] = [];
    const logger: SyncLogger = { info: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }), error: () => {} };
    const id = await createTestIntegration(fixture.deps, fixture.tenant, { credentials: { company_size: '120' } });
    const { syncId } = await requestSync(fixture.deps, id, 'FULL', 'FORCED');
    expect(await runQueuedSync(fixture.deps, syncId, { logger })).toMatchObject({ status: 'SUCCEEDED' });

    const succeeded = lines.filter((l) => l.msg === 'sync succeeded' && l.obj.syncId === syncId);
    expect(succeeded).toHaveLength(1);
    const { durationMs, phasesMs } = succeeded[0]!.obj as { durationMs: number; phasesMs: Record<string, number> };
    expect(Object.keys(phasesMs)).toStrictEqual(['read', 'prepare', 'write']);
    for (const ms of Object.values(phasesMs)) expect(Number.isInteger(ms) && ms >= 0).toBe(true);
    // The phases are consecutive parts of the run (each rounded to the millisecond).
    const total = Object.values(phasesMs).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(durationMs + 2);
    // 120 employees with their related models are written to the store: that part takes measurable time.
    expect(phasesMs.write).toBeGreaterThan(0);
  });
});
