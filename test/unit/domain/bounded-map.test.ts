import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../server/domain/bounded-map.ts';

describe('BoundedMap', () => {
  it('drops the oldest entry when one more is added past its bound', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
  });

  it('drops nothing when a key it holds is set again', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 10);
    expect([...map]).toEqual([['a', 10], ['b', 2]]);
  });
});
