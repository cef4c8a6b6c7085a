/** A webhook endpoint as the console API answers it. */
export interface ApiWebhookEndpoint {
  id: string;
  environment: 'production' | 'development';
  url: string;
  /** Empty: every event type. */
  event_types: string[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

/** One event's delivery to an endpoint. */
export interface ApiWebhookDelivery {
  id: string;
  event_id: string;
  event_type: string;
  status: 'PENDING' | 'DELIVERING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  last_response: string | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** The console API path of an environment's webhooks. */
export const webhooksPath = (environment: string, ...rest: string[]): string => ['', 'environments', environment, 'webhooks', ...rest].join('/');

/** A timestamp in the reader's locale. */
export const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');
