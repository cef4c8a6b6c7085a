import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const AUDIT = path.resolve(import.meta.dirname, '../../../.ci/audit');

/** Runs .ci/audit with an `npm` on PATH that prints `report` and exits with `exitCode`, as npm audit would. */
function runAudit(report: unknown, exitCode: number): { status: number | null; stdout: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-npm-'));
  const reportFile = path.join(bin, 'report.json');
  fs.writeFileSync(reportFile, typeof report === 'string' ? report : JSON.stringify(report));
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\ncat '${reportFile}'\nexit ${exitCode}\n`, { mode: 0o755 });
  const result = spawnSync(AUDIT, [], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  fs.rmSync(bin, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout };
}

const counts = (high: number, critical: number) => ({ info: 0, low: 2, moderate: 1, high, critical, total: 3 + high + critical });

describe('.ci/audit', () => {
  describe('when the advisory service reports a high advisory', () => {
    it('fails naming the package', () => {
      const { status, stdout } = runAudit(
        { vulnerabilities: { 'bad-pkg': { name: 'bad-pkg', severity: 'high' } }, metadata: { vulnerabilities: counts(1, 0) } },
        1,
      );
      expect(status).toBe(1);
      expect(stdout).toContain('bad-pkg (high)');
    });
  });

  describe('when the advisory service reports a critical advisory', () => {
    it('fails', () => {
      const { status } = runAudit(
        { vulnerabilities: { worse: { name: 'worse', severity: 'critical' } }, metadata: { vulnerabilities: counts(0, 1) } },
        1,
      );
      expect(status).toBe(1);
    });
  });

  describe('when only low and moderate advisories are known', () => {
    it('passes', () => {
      const { status, stdout } = runAudit({ vulnerabilities: {}, metadata: { vulnerabilities: counts(0, 0) } }, 0);
      expect(status).toBe(0);
      expect(stdout).toContain('no high or critical advisory');
    });
  });

  describe('when the advisory service does not answer', () => {
    it('prints a notice and passes', () => {
      const { status, stdout } = runAudit(
        { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', error: { summary: '' } },
        1,
      );
      expect(status).toBe(0);
      expect(stdout).toMatch(/^NOTICE: npm audit skipped, the advisory service did not answer \(405 Method Not Allowed/);
    });

    it('treats output that is not a report as no answer', () => {
      const { status, stdout } = runAudit('npm error network request failed', 1);
      expect(status).toBe(0);
      expect(stdout).toContain('NOTICE');
    });
  });
});
