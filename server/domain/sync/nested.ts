import type { ModelKey } from '../hris/models.ts';
import type { Prepared, RecordLookup } from './prepare.ts';

const linked = (p: Prepared | undefined) => (p ? `${p.id}:${p.ownHash}` : '-');
const members = (ids: (string | null)[]) => [...ids].sort().join(',');

/**
 * What `updated_after` watches besides a record's own fields, per the spec's tables: for employees the
 * employments and time-off balances (added/removed and changed), the manager, legal entity and work
 * location (changed), group memberships (added/removed only); the linked type of balances and absences;
 * cycle, reviewee and reviewer of reviews; locations, legal entities and groups of staffing entities.
 * Returns '' for models where only the record itself counts.
 */
export function nestedKey(p: Prepared, lookup: RecordLookup): string {
  const model: ModelKey = p.model;
  switch (model) {
    case 'employees': {
      const e = (p as Prepared<'employees'>).rec;
      return [
        lookup.childrenOf('employments', e.remoteId).map(linked).join(','),
        lookup.childrenOf('time_off_balances', e.remoteId).map(linked).join(','),
        linked(lookup.get('employees', e.managerRemoteId)),
        members(e.groupRemoteIds.map((g) => lookup.idOf('groups', g))),
        linked(lookup.get('legal_entities', e.legalEntityRemoteId)),
        linked(lookup.get('locations', e.workLocationRemoteId)),
      ].join('|');
    }
    case 'time_off_balances':
      return linked(lookup.get('absence_types', (p as Prepared<'time_off_balances'>).rec.typeRemoteId));
    case 'absences':
      return linked(lookup.get('absence_types', (p as Prepared<'absences'>).rec.typeRemoteId));
    case 'performance_reviews': {
      const r = (p as Prepared<'performance_reviews'>).rec;
      return [linked(lookup.get('performance_review_cycles', r.reviewCycleRemoteId)), linked(lookup.get('employees', r.revieweeRemoteId)),
        linked(lookup.get('employees', r.reviewerRemoteId))].join('|');
    }
    case 'staffing_entities': {
      const s = (p as Prepared<'staffing_entities'>).rec;
      return [
        s.locationRemoteIds.map((r) => linked(lookup.get('locations', r))).sort().join(','),
        s.legalEntityRemoteIds.map((r) => linked(lookup.get('legal_entities', r))).sort().join(','),
        s.groupRemoteIds.map((r) => linked(lookup.get('groups', r))).sort().join(','),
      ].join('|');
    }
    default:
      return '';
  }
}

const embedded = (p: Prepared | undefined) => (p ? `${p.id}:${p.ownHash}:${p.changedAt}` : '-');

/**
 * Everything a record's wire JSON embeds from other records (their own hashes and changed_at). With
 * the record's own hash it decides whether the stored JSON is still current, so unchanged records are
 * not rendered again.
 */
export function embeddedKey(p: Prepared, lookup: RecordLookup): string {
  const model: ModelKey = p.model;
  switch (model) {
    case 'employees': {
      const e = (p as Prepared<'employees'>).rec;
      return [
        lookup.childrenOf('employments', e.remoteId).map(embedded).join(','),
        lookup.childrenOf('time_off_balances', e.remoteId).map(embedded).join(','),
        embedded(lookup.get('employees', e.managerRemoteId)),
        e.groupRemoteIds.map((g) => embedded(lookup.get('groups', g))).join(','),
        embedded(lookup.get('legal_entities', e.legalEntityRemoteId)),
        embedded(lookup.get('locations', e.workLocationRemoteId)),
      ].join('|');
    }
    case 'time_off_balances':
      return embedded(lookup.get('absence_types', (p as Prepared<'time_off_balances'>).rec.typeRemoteId));
    case 'absences':
      return embedded(lookup.get('absence_types', (p as Prepared<'absences'>).rec.typeRemoteId));
    case 'performance_reviews': {
      const r = (p as Prepared<'performance_reviews'>).rec;
      return [embedded(lookup.get('performance_review_cycles', r.reviewCycleRemoteId)), embedded(lookup.get('employees', r.revieweeRemoteId)),
        embedded(lookup.get('employees', r.reviewerRemoteId))].join('|');
    }
    case 'staffing_entities': {
      const s = (p as Prepared<'staffing_entities'>).rec;
      return [
        s.locationRemoteIds.map((r) => embedded(lookup.get('locations', r))).join(','),
        s.legalEntityRemoteIds.map((r) => embedded(lookup.get('legal_entities', r))).join(','),
        s.groupRemoteIds.map((r) => embedded(lookup.get('groups', r))).join(','),
      ].join('|');
    }
    default:
      return '';
  }
}
