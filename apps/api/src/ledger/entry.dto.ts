import { EntryView, RepointedExemption } from '@app/ledger';

/** The ledger's entry view, under the name the controllers' signatures use. */
export { EntryView as EntryDto } from '@app/ledger';

export class CorrectionResultDto {
  correction: EntryView;
  /** Reversals, in the same transaction, of the exemptions that cited the cancelled entry. */
  cascaded: EntryView[];
  /**
   * Those of them whose own rule version still holds on the remaining evidence: each with the new
   * exemption entry that replaces it (same target, rule version, application and credits). The
   * others stay reversed.
   */
  repointed: RepointedExemption[];
}

export class EntryPageDto {
  items: EntryView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}
