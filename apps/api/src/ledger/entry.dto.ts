import { EntryView } from '@app/ledger';

/** The ledger's entry view, under the name the controllers' signatures use. */
export { EntryView as EntryDto } from '@app/ledger';

export class CorrectionResultDto {
  correction: EntryView;
  /** Exemptions reversed in the same transaction because they cited the cancelled entry. */
  cascaded: EntryView[];
}

export class EntryPageDto {
  items: EntryView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}
