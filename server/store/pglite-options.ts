import type { PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * What every PGlite instance on a data directory loads, wherever it runs: the extensions its schema
 * uses (`pg_trgm`: the integrations search index). An instance without them could not write a row
 * that such an index covers.
 */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } } satisfies PGliteOptions;
