import { Command, InvalidArgumentError } from 'commander';
import { listAudit } from '../domain/audit.ts';
import { verifyChains } from '../domain/audit-verify.ts';
import { CliError, withContext } from './context.ts';
import { printJson, printTable } from './output.ts';

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000.');
  return n;
}

/** `audit list`: the append-only audit trail, oldest first; `audit verify`: its hash chain. */
export function auditCommand(): Command {
  const cmd = new Command('audit').description('read the audit trail');
  cmd
    .command('list')
    .description('list audit entries, oldest first')
    .option('--limit <n>', 'only the last N entries', parseLimit, 100)
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (opts: { limit: number; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const entries = await listAudit(ctx.deps.db, ctx.tenantId, opts.limit);
        if (opts.json) {
          printJson(
            entries.map((e) => ({
              id: e.id,
              at: e.at.toISOString(),
              actor: e.actor,
              source: e.source,
              action: e.action,
              environment_id: e.environmentId,
              target_type: e.targetType,
              target_id: e.targetId,
              before: e.before,
              after: e.after,
            })),
          );
          return;
        }
        printTable(
          entries.map((e) => ({
            at: e.at.toISOString(),
            action: e.action,
            target: `${e.targetType}:${e.targetId}`,
            actor: e.actor,
            source: e.source,
          })),
          'No audit entries.',
        );
      });
    });
  cmd
    .command('verify')
    .description('check the audit log and the revocation list against their keyed hash chains; exit 1 at the first broken link')
    .action(async () => {
      await withContext(undefined, async (ctx) => {
        const reports = await verifyChains(ctx.deps.db, ctx.deps.secret);
        for (const r of reports) {
          if (r.ok) console.log(`OK ${r.chain}: ${r.rows} entries, chain intact${r.unchained ? ` (${r.unchained} older entries predate the chain)` : ''}.`);
          else console.log(`BROKEN ${r.chain}: ${r.seq === null ? 'at the end' : `at entry seq ${r.seq}`}: ${r.reason}.`);
        }
        if (reports.some((r) => !r.ok)) throw new CliError('A hash chain is broken: the entry named above, or one before it, was tampered with.');
      });
    });
  return cmd;
}
