import { spawnEntry } from '../../helpers/cli.ts';

// `npm run bench` runs outside the test runner: every module it imports (its own and the test helpers and
// fakes it borrows) must load there, and a section name it does not know must be refused, not measure nothing.
describe('npm run bench', () => {
  it('loads all its modules outside vitest and refuses an unknown section by name', async () => {
    const run = spawnEntry('bench/run.ts', ['no-such-section'], {});
    const code = await run.exited;
    expect(run.output()).toContain('unknown bench section: no-such-section (the sections: sizes, flow, sync,');
    expect(code).toBe(2);
  }, 60_000);
});
