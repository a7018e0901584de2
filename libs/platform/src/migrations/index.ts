import { Initial1764400000000 } from './1764400000000-Initial';
import { LedgerGuards1764400000001 } from './1764400000001-LedgerGuards';

/** Every migration, in order. `npm run migration:generate -- Name` writes new ones; list them here. */
export const MIGRATIONS = [Initial1764400000000, LedgerGuards1764400000001];
