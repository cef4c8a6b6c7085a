import { HRIS_CATALOGUE } from '../../../domain/catalogue/index.ts';
import type { HrisWireMappers } from '../../../domain/hris/wire-mappers.ts';

/** The wire shape of every HRIS model, rendered by the sync when it writes a record (from the model catalogue). */
export const hrisWireMappers = Object.fromEntries(HRIS_CATALOGUE.map((d) => [d.key, d.toWire])) as HrisWireMappers;
