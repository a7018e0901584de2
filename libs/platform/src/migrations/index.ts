import { Initial1764400000000 } from './1764400000000-Initial';
import { LedgerGuards1764400000001 } from './1764400000001-LedgerGuards';
import { ConversionRuleReferences1795973948832 } from './1795973948832-ConversionRuleReferences';
import { CheckpointsAppendOnly1795980000000 } from './1795980000000-CheckpointsAppendOnly';
import { IdempotencyStatusBelongsToRoute1796159013241 } from './1796159013241-IdempotencyStatusBelongsToRoute';
import { UsernamesIgnoreCase1796161074996 } from './1796161074996-UsernamesIgnoreCase';
import { LedgerRecordingRules1796161270092 } from './1796161270092-LedgerRecordingRules';
import { ExemptionGuards1796162104452 } from './1796162104452-ExemptionGuards';
import { OutboxHmac1796171000000 } from './1796171000000-OutboxHmac';
import { MerkleTreeAndSignedHeads1796173000000 } from './1796173000000-MerkleTreeAndSignedHeads';
import { LearnerRelationships1796177829654 } from './1796177829654-LearnerRelationships';
import { UserAdministration1796200000000 } from './1796200000000-UserAdministration';
import { CatalogCorrections1796230000000 } from './1796230000000-CatalogCorrections';
import { BodyRosterIndex1796240000000 } from './1796240000000-BodyRosterIndex';
import { BulkImports1796250000000 } from './1796250000000-BulkImports';
import { GuardsLookUpByIndex1796260000000 } from './1796260000000-GuardsLookUpByIndex';

/** Every migration, in order. `npm run migration:generate -- Name` writes new ones; list them here. */
export const MIGRATIONS = [
  Initial1764400000000,
  LedgerGuards1764400000001,
  ConversionRuleReferences1795973948832,
  CheckpointsAppendOnly1795980000000,
  IdempotencyStatusBelongsToRoute1796159013241,
  UsernamesIgnoreCase1796161074996,
  LedgerRecordingRules1796161270092,
  ExemptionGuards1796162104452,
  OutboxHmac1796171000000,
  MerkleTreeAndSignedHeads1796173000000,
  LearnerRelationships1796177829654,
  UserAdministration1796200000000,
  CatalogCorrections1796230000000,
  BodyRosterIndex1796240000000,
  BulkImports1796250000000,
  GuardsLookUpByIndex1796260000000,
];
