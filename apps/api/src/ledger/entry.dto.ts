import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Cancellation, CorrectionDto, EntryView } from '@app/ledger';
import {
  ApplicationRefDto,
  CatalogRefDto,
  CourseRefDto,
  EntryRefDto,
  LearnerRefDto,
  PersonRefDto,
  RuleRefDto,
} from '../naming/names.dto';

/** The ledger's entry view, under the name the controllers' signatures use. */
export { EntryView as EntryDto } from '@app/ledger';

/** The correction that cancelled an entry, with who recorded it and what caused it. */
export class NamedCancellationDto extends Cancellation {
  recorder: PersonRefDto;
  /** The cancelled evidence behind a cascaded reversal (null for a direct correction). */
  cause: EntryRefDto | null;
}

/**
 * An entry as a person reads it: the ledger's fields and ids, and beside each id what it names
 * (`courseId` → `course`, `recordedBy` → `recorder`, `ruleVersionId` → `rule`, …).
 */
export class NamedEntryDto extends EntryView {
  /** Who recorded it, by display name. */
  recorder: PersonRefDto;
  /** The school (`institutionId`). */
  institution?: CatalogRefDto | null;
  /** The certification body (`certificationBodyId`). */
  certificationBody?: CatalogRefDto | null;
  /** The course (`courseId`): code, name, credits and category. */
  course?: CourseRefDto | null;
  /** The program (`programId`). */
  program?: CatalogRefDto | null;
  /** The certificate scheme (`schemeId`). */
  scheme?: CatalogRefDto | null;
  /** `level` in words: 初级, 中级 or 高级. */
  levelName?: string;
  /** The rule version an exemption was granted under (`ruleId`, `ruleVersionId`). */
  rule?: RuleRefDto | null;
  /** The entries an exemption cites (`evidenceEntryIds`), in words. */
  evidence?: EntryRefDto[];
  /** The application that granted an exemption (`applicationId`). */
  application?: ApplicationRefDto;
  /** What a correction cancels (`cancelsEntryId`). */
  cancels?: EntryRefDto;
  /** What caused a cascaded correction or a re-recorded exemption (`causeEntryId`). */
  cause?: EntryRefDto;
  /** Set when a correction cancelled the entry. */
  @ApiPropertyOptional({
    type: () => NamedCancellationDto,
    description: 'Set when a correction cancelled the entry: its reason, recorder and cause.',
  })
  declare cancelledBy?: NamedCancellationDto;
}

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
  /** Whose entries these are (`learnerId` of each item). */
  learner: LearnerRefDto;
  items: NamedEntryDto[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** The reason the correction would give (optional): the preview's replacements quote it as it would. */
export class CorrectionPreviewQueryDto extends PartialType(CorrectionDto) {}

/** A cascaded exemption that its rule version would record again, and the entry that would replace it. */
export class RepointedPreviewDto {
  /** The exemption the cascade would reverse. */
  reversed: NamedEntryDto;
  /**
   * The exemption entry that would be recorded in its place. Its `id`, `seq`, `recordedAt` and
   * `causeEntryId` are those of the rolled-back dry run: the real correction gives new ones.
   */
  replacement: NamedEntryDto;
}

/** What a reversal or revocation would do, computed by the correction itself and rolled back. */
export class CorrectionPreviewDto {
  /** Whose account it is (`learnerId` of every entry). */
  learner: LearnerRefDto;
  /** The entry it would cancel, as it stands now. */
  entry: NamedEntryDto;
  /** The standing exemptions citing it that would be reversed with it, as they stand now. */
  cascaded: NamedEntryDto[];
  /** Those of them whose own rule version still holds on the remaining evidence. */
  repointed: RepointedPreviewDto[];
}
