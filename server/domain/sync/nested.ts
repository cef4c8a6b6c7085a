import type { Prepared, RecordLookup } from './prepare.ts';
import { declarationOf } from '../catalogue/index.ts';

const linked = (p: Prepared | undefined) => (p ? `${p.id}:${p.ownHash}` : '-');
const embedded = (p: Prepared | undefined) => (p ? `${p.id}:${p.ownHash}:${p.changedAt}` : '-');

/**
 * What `updated_after` watches besides a record's own fields, derived from the model's relations in the
 * catalogue: linked records' own changes (`one`, `many` watching changes, `children`: added, removed and
 * changed) or only added/removed references (`many` watching membership). '' for models without relations.
 */
export function nestedKey(p: Prepared, lookup: RecordLookup): string {
  const { relations } = declarationOf(p.model);
  if (relations.length === 0) return '';
  return relations
    .map((r) => {
      switch (r.kind) {
        case 'one':
          return linked(lookup.get(r.model, r.ref(p.rec as never)));
        case 'many':
          return r.watch === 'membership'
            ? r.refs(p.rec as never).map((id) => lookup.idOf(r.model, id)).sort().join(',')
            : r.refs(p.rec as never).map((id) => linked(lookup.get(r.model, id))).sort().join(',');
        case 'children':
          return lookup.childrenOf(r.model, p.remoteId).map(linked).join(',');
      }
    })
    .join('|');
}

/**
 * Everything a record's wire JSON embeds from other records (their own hashes and changed_at). With
 * the record's own hash it decides whether the stored JSON is still current, so unchanged records are
 * not rendered again.
 */
export function embeddedKey(p: Prepared, lookup: RecordLookup): string {
  const { relations } = declarationOf(p.model);
  if (relations.length === 0) return '';
  return relations
    .map((r) => {
      switch (r.kind) {
        case 'one':
          return embedded(lookup.get(r.model, r.ref(p.rec as never)));
        case 'many':
          return r.refs(p.rec as never).map((id) => embedded(lookup.get(r.model, id))).join(',');
        case 'children':
          return lookup.childrenOf(r.model, p.remoteId).map(embedded).join(',');
      }
    })
    .join('|');
}
