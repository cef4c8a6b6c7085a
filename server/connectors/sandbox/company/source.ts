import { type DataSource, type HrisModel, type PagedSource, type SourceContext, type SourceItem, UnknownPassthroughApiError } from '../../data-source.ts';
import { pagesOf } from '../../read-by-model.ts';
import { HRIS_READ_MODELS } from '../../unified-hris.ts';
import { SANDBOX_COMPANY_SIZES } from '../credential-fields.ts';
import type { CompanyConfig, CompanySize } from './company.ts';
import { SANDBOX_PASSTHROUGH_APIS, sandboxPassthrough } from './passthrough.ts';
import { sandboxReads } from './read-memory.ts';
import { toUnified } from './to-unified.ts';

/** The simulation itself (faker and its locales, tens of MB): loaded by the first sync or passthrough call, never by a thread that only answers the API. */
const simulation = () => import('./company.ts');
const companies = () => import('./company-cache.ts');

const SIZES: readonly number[] = SANDBOX_COMPANY_SIZES.map(Number);

/** @default 250 */
export const DEFAULT_COMPANY_SIZE: CompanySize = 250;

/**
 * Reads the Sandbox credentials: `company_size` (one of 50, 250, 1000, 10000; default 250) and `seed`
 * (empty: derived from the integration ID, so every integration gets its own company).
 */
export function sandboxCompanyConfig(integrationId: string, credentials: Readonly<Record<string, string>>): CompanyConfig {
  const size = Number(credentials.company_size);
  const seed = credentials.seed?.trim();
  return {
    seed: seed ? seed : integrationId,
    size: SIZES.includes(size) ? (size as CompanySize) : DEFAULT_COMPANY_SIZE,
  };
}

function baseUrl(ctx: SourceContext, domain: string, api: string): string {
  const sub = ctx.credentials.company_subdomain?.trim().toLowerCase().replace(/[^a-z0-9-]/g, '') || domain.split('.')[0];
  return `https://${sub}.sandbox-hr.example/api/${api}`;
}

/**
 * The Sandbox tool's data source: a simulated company that evolves with the sync's clock. It reads
 * page by page like any connector (`read`); `readHris` stays for callers of the whole-snapshot shape.
 */
export const sandboxDataSource: PagedSource & DataSource = {
  readModels: HRIS_READ_MODELS.map((m) => m.id),
  async *read(ctx) {
    // The simulation computes its company at once (it is the remote system); what crosses into the sync is pages.
    const { buildCompany } = await simulation();
    const config = sandboxCompanyConfig(ctx.integrationId, ctx.credentials);
    const snapshot = toUnified(buildCompany(config, ctx.now));
    // Like a tool with a change feed: a DELTA read names only what changed since the stored read.
    const deltas = sandboxReads.diff(`${ctx.integrationId}|${config.size}|${config.seed}`, ctx.now, ctx.type === 'DELTA' ? ctx.since : null, snapshot);
    if (deltas) {
      yield* deltas;
      return;
    }
    for (const model of Object.keys(snapshot) as HrisModel[]) {
      for (const records of pagesOf(snapshot[model] as unknown[], ctx.pageSize)) {
        ctx.signal.throwIfAborted();
        yield { model, records } as SourceItem;
      }
    }
  },
  async readHris(ctx) {
    const { buildCompany } = await simulation();
    return toUnified(buildCompany(sandboxCompanyConfig(ctx.integrationId, ctx.credentials), ctx.now));
  },
  async passthrough(ctx, request) {
    if (!(SANDBOX_PASSTHROUGH_APIS as readonly string[]).includes(request.api)) throw new UnknownPassthroughApiError(request.api, SANDBOX_PASSTHROUGH_APIS);
    // Not rebuilt per call: a 10,000-employee company costs most of a second of event-loop time.
    const { passthroughCompanies } = await companies();
    const company = passthroughCompanies.get(sandboxCompanyConfig(ctx.integrationId, ctx.credentials), ctx.now);
    return sandboxPassthrough(company, baseUrl(ctx, company.domain, request.api), request);
  },
};
