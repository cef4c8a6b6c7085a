import { Kombo } from '@kombo-api/sdk';
import type { GetHrisEmployeesPositiveResponseResult, GetIntegrationsIntegrationIdPositiveResponseData } from '@kombo-api/sdk/models';
import type { FlowLanguage } from '../shared/api-types.ts';

/** An employee exactly as the official SDK returns it. */
export type ApiEmployee = GetHrisEmployeesPositiveResponseResult;
/** `GET /v1/integrations/{id}` as the official SDK returns it. */
export type ApiIntegrationDetails = GetIntegrationsIntegrationIdPositiveResponseData;

/** A sync's state from `GET /v1/force-sync/{sync_id}` (a Plugboard extension, not in the Kombo API). */
export interface ApiSyncStatus {
  sync_id: string;
  type: 'FULL' | 'DELTA';
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
}

/**
 * A failed call to a Plugboard extension (made with `fetch`, so not one of the SDK's errors): the Kombo
 * error envelope's code and message, or `code: null` when Plugboard was unreachable or answered no envelope.
 */
/**
 * Kombo's language enum, which the SDK checks before sending; Plugboard's other languages (nl, pt, pl)
 * are a PLUGBOARD EXTENSION and go out with a plain `fetch` (an unset language is left to the SDK).
 */
const isKomboLanguage = (language: FlowLanguage | undefined): language is 'en' | 'de' | 'fr' | 'it' | 'es' | undefined =>
  language === undefined || ['en', 'de', 'fr', 'it', 'es'].includes(language);

export class PlugboardExtensionError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'PlugboardExtensionError';
  }
}

/** The end user a connection link is for: the demo's fictional customer. */
export interface EndUser {
  email: string;
  organizationName: string;
  originId: string;
}

/**
 * Everything the demo asks Plugboard, through the official Kombo SDK pointed at Plugboard's `/v1`.
 * This is the whole integration a vendor writes; nothing here knows Plugboard's internals. One call,
 * `syncStatus`, uses a Plugboard extension the Kombo API (and so the SDK) does not have.
 */
export class PlugboardClient {
  readonly #serverUrl: string;
  readonly #apiKey: () => string;

  /** `apiUrl` is Plugboard's origin as the demo backend reaches it; `apiKey` is read on every call. */
  constructor(apiUrl: string, apiKey: () => string) {
    this.#serverUrl = `${apiUrl.replace(/\/+$/, '')}/v1`;
    this.#apiKey = apiKey;
  }

  #sdk(integrationId?: string): Kombo {
    // The key is passed as a function so a key the launcher replaces is picked up without a restart.
    return new Kombo({ api_key: async () => this.#apiKey(), server_url: this.#serverUrl, integration_id: integrationId });
  }

  /** Whether the key authenticates (the launcher uses it before handing a stored key to the demo). */
  async checkApiKey(): Promise<void> {
    await this.#sdk().general.checkApiKey();
  }

  /**
   * An embedded (1 hour) link for the flow in the customer's `language`; no tool preselected, so the
   * customer picks one.
   */
  async createConnectionLink(endUser: EndUser, language?: FlowLanguage): Promise<string> {
    const body = {
      end_user_email: endUser.email,
      end_user_organization_name: endUser.organizationName,
      end_user_origin_id: endUser.originId,
      integration_category: 'HRIS' as const,
    };
    if (isKomboLanguage(language)) return (await this.#sdk().connect.createConnectionLink({ ...body, ...(language ? { language } : {}) })).data.link;
    return (await this.#extension<{ link: string }>('POST', '/connect/create-link', null, { ...body, language })).link;
  }

  /** Swaps the activation token the browser got from the flow for the integration (like an OAuth code). */
  async integrationByToken(token: string) {
    const res = await this.#sdk().connect.getIntegrationByToken({ token });
    return res.data;
  }

  async integrationDetails(integrationId: string): Promise<ApiIntegrationDetails> {
    const res = await this.#sdk().general.getIntegrationDetails({ integration_id: integrationId });
    return res.data;
  }

  async setEnabled(integrationId: string, value: boolean): Promise<void> {
    await this.#sdk().general.setIntegrationEnabled({ integration_id: integrationId, body: { value } });
  }

  /** A link whose flow replaces the integration's credentials (for INVALID integrations, or new keys), in `language`. */
  async createReconnectionLink(integrationId: string, language?: FlowLanguage): Promise<string> {
    if (isKomboLanguage(language)) {
      return (await this.#sdk().general.createReconnectionLink({ integration_id: integrationId, body: language ? { language } : {} })).data.link;
    }
    return (await this.#extension<{ link: string }>('POST', `/integrations/${encodeURIComponent(integrationId)}/relink`, null, { language })).link;
  }

  async deleteIntegration(integrationId: string): Promise<void> {
    await this.#sdk().general.deleteIntegration({ integration_id: integrationId, body: {} });
  }

  /** Asks for a full sync; Plugboard queues at most one per integration (`alreadyQueued`). */
  async triggerSync(integrationId: string): Promise<{ syncId: string; alreadyQueued: boolean }> {
    const res = await this.#sdk(integrationId).general.triggerSync({ type: 'FULL' });
    return { syncId: res.data.sync_id, alreadyQueued: res.data.already_queued };
  }

  /**
   * PLUGBOARD EXTENSION (not part of the Kombo API, so the SDK has no method for it): the state of a sync
   * `triggerSync` queued, from `GET /v1/force-sync/{sync_id}`. A plain `fetch` with the same API key and
   * `X-Integration-Id` the SDK sends; against Kombo itself this endpoint does not exist (use webhooks).
   */
  async syncStatus(integrationId: string, syncId: string): Promise<ApiSyncStatus> {
    return this.#extension<ApiSyncStatus>('GET', `/force-sync/${encodeURIComponent(syncId)}`, integrationId);
  }

  /** A plain `fetch` of a Plugboard extension with the API key (and `X-Integration-Id`) the SDK would send. */
  async #extension<T>(method: 'GET' | 'POST', path: string, integrationId: string | null, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.#serverUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#apiKey()}`,
          accept: 'application/json',
          ...(integrationId ? { 'x-integration-id': integrationId } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new PlugboardExtensionError(0, null, 'Plugboard is not reachable.');
    }
    const json = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: { code?: string; message?: string } } | null;
    if (res.ok && json?.status === 'success' && json.data) return json.data;
    throw new PlugboardExtensionError(res.status, json?.error?.code ?? null, json?.error?.message ?? `HTTP ${res.status}`);
  }

  /** One page of employees (`cursor` from the previous page's `next`), optionally filtered by one work email. */
  async employeesPage(
    integrationId: string,
    page: { cursor?: string; pageSize: number; workEmails?: string },
  ): Promise<{ results: ApiEmployee[]; next: string | null }> {
    const pages = await this.#sdk(integrationId).hris.getEmployees({
      cursor: page.cursor,
      page_size: page.pageSize,
      work_emails: page.workEmails ? [page.workEmails] : undefined,
    });
    return pages.result.data;
  }

  /** Reads employees page by page (250 at a time, the API's maximum) until the end or `limit`. */
  async allEmployees(integrationId: string, limit: number): Promise<ApiEmployee[]> {
    const all: ApiEmployee[] = [];
    for await (const page of await this.#sdk(integrationId).hris.getEmployees({ page_size: 250 })) {
      all.push(...page.result.data.results);
      if (all.length >= limit) break;
    }
    return all.slice(0, limit);
  }
}
