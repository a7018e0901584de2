import { EntryView } from '@app/ledger';

/** The ledger's entry view, under the name the controllers' signatures use. */
export { EntryView as EntryDto } from '@app/ledger';

/** A cascaded exemption recorded again on the evidence that remains, and what it replaces. */
export class RepointedExemptionDto {
  /** The reversed exemption it replaces. */
  replacesEntryId: string;
  /** The cascaded REVERSAL that cancelled the replaced exemption. */
  reversalEntryId: string;
  /** The new exemption entry; its `causeEntryId` is that reversal and its `reason` says why. */
  exemption: EntryView;
}

export class CorrectionResultDto {
  correction: EntryView;
  /** Reversals, in the same transaction, of the exemptions that cited the cancelled entry. */
  cascaded: EntryView[];
  /**
   * Those of them whose own rule version still holds on the remaining evidence: each with the new
   * exemption entry that replaces it (same target, rule version, application and credits). The
   * others stay reversed.
   */
  repointed: RepointedExemptionDto[];
}

export class EntryPageDto {
  items: EntryView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}
