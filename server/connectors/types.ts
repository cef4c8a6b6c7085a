import type { AnySource } from './data-source.ts';
import type { ConnectorRuntime } from './http/runtime.ts';
import type {
  CredentialField,
  DataPointGroup,
  FlowCategory,
  FlowEnvironment,
  FlowLanguage,
} from '../../widget/protocol/flow-api.ts';

export type { CredentialField, DataPointGroup, FlowCategory, FlowEnvironment, FlowLanguage };

/** Kombo's coverage enum for a model, action or field. */
export type CoverageStatus = 'SUPPORTED' | 'UNSUPPORTED' | 'NOT_IMPLEMENTED' | 'UNKNOWN';

/** What the catalogue shows of a tool: identity, categories and artwork. */
export interface ToolInfo {
  /** The Kombo tool ID, e.g. `sandbox`, `personio`; also the prefix of its integration IDs. */
  id: string;
  label: string;
  categories: readonly FlowCategory[];
  /** Absolute URLs (data URLs are fine) so they work on any public origin. */
  logoUrl: string;
  iconUrl: string;
  iconBlackUrl: string;
  connectionGuideUrl: string | null;
  /** @default false */
  beta?: boolean;
}

/** One unified model a tool can read (ids like `hris_employees`) and which of its fields it fills. */
export interface ReadModelCoverage {
  id: string;
  label: string;
  coverage: CoverageStatus;
  fields: readonly { id: string; coverage: CoverageStatus }[];
}

/** Where a tool may be used at all, and whether it is on there until an operator says otherwise. */
export type ToolAvailability = Partial<Record<FlowEnvironment, { enabledByDefault: boolean }>>;

/** What a verification may use: time and cancellation come from the caller, never from globals. */
export interface VerifyContext {
  clock: () => Date;
  /** Aborted when the end user gives up (request closed) or the server's verification timeout passes. */
  signal: AbortSignal;
  /** Language for messages shown to the end user. @default 'en' */
  language?: FlowLanguage;
  /** The process's connector runtime, as syncs get it (the flow always passes it; tools that call no API ignore it). */
  runtime?: ConnectorRuntime;
}

/**
 * The outcome of checking credentials with the remote tool. Wrong credentials are an expected result,
 * not an exception: `fieldErrors` maps credential field keys to messages the flow shows next to them.
 */
export type VerifyResult =
  | { status: 'ok' }
  | { status: 'invalid_credentials'; message: string; fieldErrors: Record<string, string> }
  | { status: 'remote_unavailable'; message: string };

/**
 * Everything a tool implements to be offered in the connection flow. Other parts of the system may
 * extend this interface with further optional members (e.g. reading data for syncs).
 */
export interface Connector {
  tool: ToolInfo;
  availability: ToolAvailability;
  /**
   * Remote environments the tool offers (create-link `remote_environment`); empty when it has none.
   * @default []
   */
  remoteEnvironments?: readonly string[];
  /** The credential form, texts in `language`. Values arrive trimmed; unknown keys are dropped. */
  credentialFields(language: FlowLanguage): CredentialField[];
  /** How the end user obtains the credentials, one plain-text step per entry. */
  instructions(language: FlowLanguage): string[];
  /** The data points an integration reads, grouped by model, texts in `language`. */
  dataPoints(language: FlowLanguage): DataPointGroup[];
  /** The unified read models the tool covers. */
  readModels: readonly ReadModelCoverage[];
  /** Checks credentials (already validated against `credentialFields`) with the remote system. */
  verifyCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult>;
  /** Reads the tool's data for syncs (and passthrough); a tool without it is never synced. */
  source?: AnySource;
  /** Set for tools connected through OAuth 2.0 (authorization code with PKCE) instead of a credential form. */
  oauth?: OAuthSpec;
}

/** How a tool connects through OAuth 2.0 authorization code with PKCE. */
export interface OAuthSpec {
  /** The tool's authorization page for these parameters (any `TOOL_ORIGIN_<TOOL>` applied). */
  authorizationUrl(params: { clientId: string; redirectUri: string; state: string; codeChallenge: string }, runtime: ConnectorRuntime): string;
  /** Exchanges an authorization code; answers the credentials to store (tokens and the client they belong to). */
  exchangeCode(
    input: { code: string; codeVerifier: string; redirectUri: string; clientId: string; clientSecret: string },
    signal: AbortSignal,
    runtime: ConnectorRuntime,
  ): Promise<Record<string, string>>;
}
