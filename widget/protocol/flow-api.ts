/**
 * The flow API: the small, versioned HTTP contract between the iframe app and the server.
 * Types only (no imports, no runtime code), shared by `widget/app` and `server/http`.
 *
 * Base path `/flow/v1`. The link token travels in the `X-Plugboard-Link` header (never in a URL the
 * server logs). Responses use the same envelopes as `/v1`: `{status:"success", data}` or
 * `{status:"error", error:{code, title, message, log_url}}`. Link problems answer
 * `FLOW.LINK_INVALID` (404), `FLOW.LINK_EXPIRED` (410) or `FLOW.LINK_USED` (410).
 *
 *   GET  /flow/v1/session   -> FlowSession
 *   POST /flow/v1/connect   body ConnectRequest -> ConnectOutcome
 *
 * Both answer `FLOW.LINK_INVALID` also when the header is missing or the token malformed. A link is
 * single use: once a connect succeeded, both answer `FLOW.LINK_USED`. `POST /connect` answers
 * `PLATFORM.INPUT_INVALID` (400) for a malformed body or a tool the session does not offer; every
 * credential problem is a 200 `ConnectOutcome`. Verification may take seconds (the Sandbox's `slow`
 * key takes ~3 s; the server gives up after 20 s with `remote_unavailable`); aborting the fetch stops it.
 * Responses carry `Cache-Control: no-store`.
 */

export const FLOW_API_BASE = '/flow/v1';
export const LINK_TOKEN_HEADER = 'X-Plugboard-Link';

/**
 * The customer's preferred language as the page knows it (the loader's `language` option). It applies
 * only when the link names no language; without it the server follows the browser's `Accept-Language`.
 */
export const LANGUAGE_HEADER = 'X-Plugboard-Language';

export type FlowLanguage = 'en' | 'de' | 'fr' | 'it' | 'es' | 'nl' | 'pt' | 'pl';
export type FlowEnvironment = 'production' | 'development';
export type FlowCategory = 'HRIS' | 'ATS' | 'ASSESSMENT' | 'LMS';

/** One input of a tool's credential form. */
export interface CredentialField {
  /** Key under which the value is submitted and persisted. */
  key: string;
  type: 'text' | 'secret' | 'select' | 'subdomain' | 'url';
  label: string;
  required: boolean;
  placeholder?: string;
  /** Short help shown in a tooltip. */
  help?: string;
  /** For `select`. */
  options?: { value: string; label: string }[];
  /** Inline affixes, e.g. `https://` and `.example-hr.com` for `subdomain`. */
  prefix?: string;
  suffix?: string;
  default?: string;
}

/** A data point group the integration will read, grouped by model. */
export interface DataPointGroup {
  /** e.g. `hris_employees`. */
  model: string;
  label: string;
  fields: { id: string; label: string }[];
}

/** A tool offered in this flow. Texts are in the session's language. */
export interface FlowTool {
  id: string;
  label: string;
  category: FlowCategory;
  logo_url: string;
  icon_url: string;
  /** Steps to obtain the credentials, plain text each. */
  instructions: string[];
  connection_guide_url: string | null;
  data_points: DataPointGroup[];
  credential_fields: CredentialField[];
  /** One of the tools most customers look for: listed first, under its own heading. */
  popular?: true;
  /** `oauth`: the tool connects through its own sign-in in a popup ("Connect with <tool>"), not a form. */
  auth?: 'oauth';
}

/** The vendor (the app asking for the connection) as its operator configured it; every field may be unset. */
export interface FlowVendor {
  /** Display name; null when unset (the flow then says "the app you came from"). */
  name: string | null;
  logo_url: string | null;
  /** Hex colour for primary actions. */
  primary_color: string | null;
  privacy_policy_url: string | null;
  support_email: string | null;
  support_url: string | null;
}

export interface FlowSession {
  environment: FlowEnvironment;
  category: FlowCategory;
  language: FlowLanguage;
  link_type: 'EMBEDDED' | 'MAGIC_LINK';
  /** Tool preselected by the link (`integration_tool`) or the relinked integration's tool: skip the picker. */
  preselected_tool: string | null;
  /** Set when this link reconnects an existing integration (its credentials get replaced). */
  relink: { tool: string } | null;
  end_user: { organization_name: string; email: string | null };
  expires_at: string;
  /**
   * Tools enabled in the link's environment and category, in catalogue order; only the preselected tool
   * when `preselected_tool` is set (the link can be used for that tool alone). May be empty.
   */
  tools: FlowTool[];
  vendor: FlowVendor;
  /** Where "Don't see your tool?" leads; null hides it. */
  missing_tool_url: string | null;
  /** Whether the flow opens with the consent step (false when the environment skips it for a preselected tool). */
  consent_required: boolean;
  /**
   * Exact parent origins allowed to frame the flow and receive its messages (the page's CSP
   * `frame-ancestors` lists the same); empty means any origin.
   */
  allowed_origins: string[];
}

export interface ConnectRequest {
  tool: string;
  credentials: Record<string, string>;
}

/**
 * Wrong credentials are an expected outcome, not an error: they come back as a result the UI shows.
 * `field_errors` maps `CredentialField.key` to a message for that input (in the session's language);
 * `message` is a summary for the whole form. `activation_token` is single use and valid 10 minutes.
 */
export type ConnectOutcome =
  | { outcome: 'connected'; activation_token: string; tool: string }
  | { outcome: 'invalid_credentials'; message: string; field_errors: Record<string, string> }
  | { outcome: 'remote_unavailable'; message: string };
