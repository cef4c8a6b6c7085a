import { Command, InvalidArgumentError, Option } from 'commander';
import { type WebhookDelivery, listDeliveries, resendDelivery, resendFailedDeliveries } from '../domain/webhooks/deliveries.ts';
import { type WebhookEndpoint, createEndpoint, deleteEndpoint, listEndpoints, rotateSecret, updateEndpoint } from '../domain/webhooks/endpoints.ts';
import { sendTestEvent } from '../domain/webhooks/test-event.ts';
import { toApiWebhookDelivery, toApiWebhookEndpoint } from '../http/mappers/webhook.mapper.ts';
import { withContext } from './context.ts';
import { printJson, printTable, when } from './output.ts';

const endpointRow = (e: WebhookEndpoint) => ({
  id: e.id,
  environment: e.environment,
  url: e.url,
  events: e.eventTypes.length ? e.eventTypes.join(',') : 'all',
  status: e.enabled ? 'enabled' : 'disabled',
});

const deliveryRow = (d: WebhookDelivery) => ({
  id: d.id,
  event: `${d.eventType} ${d.eventId}`,
  status: d.status,
  attempts: String(d.attempts),
  code: d.lastStatusCode === null ? '-' : String(d.lastStatusCode),
  latency: d.lastLatencyMs === null ? '-' : `${d.lastLatencyMs} ms`,
  next_retry: when(d.nextAttemptAt),
  response: (d.lastResponse ?? d.lastError ?? '').replace(/\s+/g, ' ').slice(0, 60),
});

const eventList = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

function parseDate(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO-8601 date-time such as 2027-01-31T00:00:00Z.');
  return d;
}

const environmentOption = () => new Option('--environment <env>', 'environment').choices(['development', 'production']).makeOptionMandatory();

/** `webhooks create|list|update|delete|rotate-secret|deliveries|resend|resend-failed|test`. */
export function webhooksCommand(): Command {
  const cmd = new Command('webhooks').description('webhook endpoints, their secret and deliveries');

  cmd
    .command('create')
    .description("create an endpoint; the environment's secret is created with its first endpoint and printed once, alone on the last line")
    .addOption(environmentOption())
    .requiredOption('--url <url>', 'where events are POSTed (https; http too in development)')
    .option('--events <types>', 'comma-separated event types (default: all)', eventList)
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { environment: 'development' | 'production'; url: string; events?: string[]; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const { endpoint, secret } = await createEndpoint(ctx.deps, ctx.actor, { tenantId: ctx.tenantId, environment: opts.environment, url: opts.url, eventTypes: opts.events ?? [] });
        if (opts.json) {
          printJson({ ...toApiWebhookEndpoint(endpoint), secret });
          return;
        }
        console.log(`Created ${endpoint.environment} webhook endpoint ${endpoint.id} for ${endpoint.url}.`);
        if (secret) {
          console.error(`The ${endpoint.environment} webhook secret follows. Store it now: it is shown only once.`);
          console.log(secret);
        }
      });
    });

  cmd
    .command('list')
    .description('list endpoints')
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const endpoints = await listEndpoints(ctx.deps.db, ctx.tenantId);
        if (opts.json) printJson(endpoints.map(toApiWebhookEndpoint));
        else printTable(endpoints.map(endpointRow), 'No webhook endpoints yet. Create one with: npm run cli -- webhooks create --environment development --url URL');
      });
    });

  cmd
    .command('update <id>')
    .description("change an endpoint's URL, event types or enabled state")
    .option('--url <url>', 'new URL')
    .option('--events <types>', 'comma-separated event types; "all" for every type', eventList)
    .option('--enable', 'deliver to it again')
    .option('--disable', 'stop delivering new events to it')
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { url?: string; events?: string[]; enable?: boolean; disable?: boolean; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const eventTypes = opts.events && opts.events.join() === 'all' ? [] : opts.events;
        const enabled = opts.enable ? true : opts.disable ? false : undefined;
        const endpoint = await updateEndpoint(ctx.deps, ctx.actor, ctx.tenantId, id, { url: opts.url, eventTypes, enabled });
        if (opts.json) printJson(toApiWebhookEndpoint(endpoint));
        else printTable([endpointRow(endpoint)]);
      });
    });

  cmd
    .command('delete <id>')
    .description('delete an endpoint and its deliveries')
    .option('--tenant <slug>', 'tenant slug or ID')
    .action(async (id: string, opts: { tenant?: string }) => {
      await withContext(opts.tenant, async (ctx) => {
        const endpoint = await deleteEndpoint(ctx.deps, ctx.actor, ctx.tenantId, id);
        console.log(`Deleted webhook endpoint ${endpoint.id} (${endpoint.url}).`);
      });
    });

  cmd
    .command('rotate-secret')
    .description("replace the environment's webhook secret; the old one keeps signing alongside for 24 hours. Prints the new one alone on the last line")
    .addOption(environmentOption())
    .option('--tenant <slug>', 'tenant slug or ID')
    .action(async (opts: { environment: 'development' | 'production'; tenant?: string }) => {
      await withContext(opts.tenant, async (ctx) => {
        const secret = await rotateSecret(ctx.deps, ctx.actor, ctx.tenantId, opts.environment);
        console.error(`Rotated the ${opts.environment} webhook secret; events carry both signatures for 24 hours. Store the new one now: it is shown only once.`);
        console.log(secret);
      });
    });

  cmd
    .command('deliveries <endpoint-id>')
    .description("an endpoint's latest deliveries: event, status, attempts, status code, latency, next retry, response")
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (endpointId: string, opts: { limit: number; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const deliveries = await listDeliveries(ctx.deps.db, ctx.tenantId, endpointId, opts.limit);
        if (opts.json) printJson(deliveries.map(toApiWebhookDelivery));
        else printTable(deliveries.map(deliveryRow), 'No deliveries yet.');
      });
    });

  cmd
    .command('resend <delivery-id>')
    .description('send a delivered or failed event again (same event ID)')
    .option('--tenant <slug>', 'tenant slug or ID')
    .action(async (deliveryId: string, opts: { tenant?: string }) => {
      await withContext(opts.tenant, async (ctx) => {
        await resendDelivery(ctx.deps, ctx.actor, ctx.tenantId, deliveryId);
        console.log(`Queued delivery ${deliveryId} again.`);
      });
    });

  cmd
    .command('resend-failed')
    .description('send again every failed delivery whose last attempt was at or after --since')
    .requiredOption('--since <iso>', 'ISO-8601 date-time', parseDate)
    .option('--tenant <slug>', 'tenant slug or ID')
    .action(async (opts: { since: Date; tenant?: string }) => {
      await withContext(opts.tenant, async (ctx) => {
        const count = await resendFailedDeliveries(ctx.deps, ctx.actor, ctx.tenantId, opts.since);
        console.log(`Queued ${count} failed deliver${count === 1 ? 'y' : 'ies'} again.`);
      });
    });

  cmd
    .command('test <endpoint-id>')
    .description('send the endpoint an integration-created event about a made-up Sandbox integration (organisation "Webhook test")')
    .option('--tenant <slug>', 'tenant slug or ID')
    .action(async (endpointId: string, opts: { tenant?: string }) => {
      await withContext(opts.tenant, async (ctx) => {
        const eventId = await sendTestEvent(ctx.deps, ctx.actor, ctx.tenantId, endpointId);
        console.log(`Queued test event ${eventId}; the server delivers it (see webhooks deliveries ${endpointId}).`);
      });
    });

  return cmd;
}
