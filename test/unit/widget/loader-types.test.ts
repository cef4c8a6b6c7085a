// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import * as loader from '../../../widget/loader/connect.ts';
import type * as Shipped from '../../../widget/loader/plugboard.d.ts';
import type { PlugboardEvent } from '../../../widget/protocol/messages.ts';

const SHIPPED = path.resolve(import.meta.dirname, '../../../widget/loader/plugboard.d.ts');

describe('the shipped loader types (widget/loader/plugboard.d.ts)', () => {
  it('declare exactly the loader’s runtime exports', () => {
    const declared = [...fs.readFileSync(SHIPPED, 'utf8').matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]);
    expect(declared.sort()).toStrictEqual(Object.keys(loader).sort());
  });

  it('match the implementation’s types (checked by tsc)', () => {
    expectTypeOf<Shipped.PlugboardEvent>().toEqualTypeOf<PlugboardEvent>();
    expectTypeOf<Shipped.PlugboardOptions>().toEqualTypeOf<loader.PlugboardOptions>();
    expectTypeOf<Shipped.PlugboardErrorCode>().toEqualTypeOf<loader.PlugboardErrorCode>();
    expectTypeOf<typeof Shipped.open>().toEqualTypeOf<typeof loader.open>();
    expectTypeOf<typeof Shipped.close>().toEqualTypeOf<typeof loader.close>();
    expectTypeOf<typeof Shipped.prefetch>().toEqualTypeOf<typeof loader.prefetch>();
    expectTypeOf<InstanceType<typeof Shipped.PlugboardError>['code']>().toEqualTypeOf<loader.PlugboardError['code']>();
    expect(new loader.PlugboardError('cancelled')).toMatchObject({ name: 'PlugboardError', code: 'cancelled' });
  });
});

describe('importing the loader without a DOM (SSR)', () => {
  it('touches no window or document', () => {
    expect([typeof window, typeof document, typeof loader.open]).toStrictEqual(['undefined', 'undefined', 'function']);
  });
});
