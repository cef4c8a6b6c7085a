import type { RemoteData, UnifiedAddress } from '../../connectors/unified-hris.ts';

/** Kombo's address object. */
export interface ApiAddress {
  city: string | null;
  country: string | null;
  raw: string | null;
  state: string | null;
  street_1: string | null;
  street_2: string | null;
  zip_code: string | null;
}

export const apiAddress = (a: UnifiedAddress | null): ApiAddress | null =>
  a ? { city: a.city, country: a.country, raw: a.raw, state: a.state, street_1: a.street1, street_2: a.street2, zip_code: a.zipCode } : null;

/** Passthrough integration fields are not configurable yet: always empty. */
export const NO_INTEGRATION_FIELDS: [] = [];

/**
 * Kombo's `remote_data`: the tool's raw object keyed by the endpoint path it came from, or null where the
 * source keeps none. It is one of the record's own fields (it sits on the unified record, so the own-field
 * hash covers it): a change of the raw object alone moves `changed_at`.
 */
export const apiRemoteData = (rec: { remoteData?: RemoteData | null }): RemoteData | null => rec.remoteData ?? null;
