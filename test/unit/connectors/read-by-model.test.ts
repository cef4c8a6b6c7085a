import type { ReadContext, SourceItem } from '../../../server/connectors/data-source.ts';
import { readByModel } from '../../../server/connectors/read-by-model.ts';
import { RemoteError } from '../../../server/connectors/remote-error.ts';
import type { UnifiedLocation, UnifiedSkill } from '../../../server/connectors/unified-hris.ts';

const ctx = (signal = new AbortController().signal): ReadContext => ({
  integrationId: 'x', credentials: {}, now: new Date('2026-01-01T00:00:00Z'), type: 'FULL', since: null, signal, pageSize: 2,
});
const location = (remoteId: string): UnifiedLocation => ({ remoteId, name: remoteId, address: null, type: null });
const skill = (remoteId: string): UnifiedSkill => ({ remoteId, name: remoteId, description: null, orderedLevels: null });

async function collect(items: AsyncIterable<SourceItem>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of items) out.push('unavailable' in item ? { model: item.model, unavailable: item.unavailable.kind } : item);
  return out;
}

describe('readByModel()', () => {
  describe('with one generator per model', () => {
    it('yields each page of each model in turn', async () => {
      const read = readByModel({
        locations: async function* () {
          yield [location('l1'), location('l2')];
          yield [location('l3')];
        },
        skills: async function* () {
          yield [skill('s1')];
        },
      });
      expect(await collect(read(ctx()))).toStrictEqual([
        { model: 'locations', records: [location('l1'), location('l2')] },
        { model: 'locations', records: [location('l3')] },
        { model: 'skills', records: [skill('s1')] },
      ]);
    });
  });

  describe('with a model whose permission is missing', () => {
    it('reports that model unavailable and reads the next one', async () => {
      const read = readByModel({
        locations: async function* () {
          yield [location('l1')];
          throw new RemoteError('permission_missing', 'no access to locations', { model: 'locations', status: 403 });
        },
        skills: async function* () {
          yield [skill('s1')];
        },
      });
      expect(await collect(read(ctx()))).toStrictEqual([
        { model: 'locations', records: [location('l1')] },
        { model: 'locations', unavailable: 'permission_missing' },
        { model: 'skills', records: [skill('s1')] },
      ]);
    });
  });

  describe('with any other remote error', () => {
    it('fails the read', async () => {
      const read = readByModel({
        locations: async function* () {
          yield [] as UnifiedLocation[];
          throw new RemoteError('credentials_rejected', 'token revoked', { status: 401 });
        },
      });
      await expect(collect(read(ctx()))).rejects.toMatchObject({ kind: 'credentials_rejected', message: 'token revoked' });
    });
  });

  describe('with the read cancelled', () => {
    it('stops after the page during which it was cancelled', async () => {
      const controller = new AbortController();
      let pulled = 0;
      const read = readByModel({
        locations: async function* () {
          for (;;) {
            pulled++;
            if (pulled === 2) controller.abort(new Error('cancelled'));
            yield [location(`l${pulled}`)];
          }
        },
      });
      await expect(collect(read(ctx(controller.signal)))).rejects.toThrow('cancelled');
      expect(pulled).toBe(2);
    });
  });
});
