import { Injectable } from '@nestjs/common';
import {
  evaluationView,
  NotEligibleError,
  type ApplicationPage,
  type ApplicationView,
  type Eligibility,
  type Evaluation,
  type InboxPage,
} from '@app/conversion';
import { localiseRefusal, type Locale } from '@app/core';
import type { AccountLedger, CorrectionPreview, EntryPage } from '@app/ledger';
import type {
  ApplicationPageDto,
  InboxPageDto,
  NamedEligibilityDto,
} from '../conversion/conversion.dto';
import type { CorrectionPreviewDto, EntryPageDto, NamedEntryDto } from '../ledger/entry.dto';
import type { NamedApplicationDto } from '../conversion/conversion.dto';
import {
  nameApplication,
  nameEligibility,
  nameEntry,
  nameInboxItem,
  wantApplication,
  wantEligibility,
  wantEntry,
  wantInboxItem,
} from './named-views';
import { EnrolmentsService } from '@app/relationships';
import { DataSource } from 'typeorm';
import { ViewNames, WantedNames } from './view-names.service';

/** The account's lists, named. */
export type NamedAccountLists = Omit<
  AccountLedger,
  'courseCredits' | 'certificates' | 'diplomas' | 'exemptions' | 'sections'
> & {
  courseCredits: NamedEntryDto[];
  certificates: NamedEntryDto[];
  diplomas: NamedEntryDto[];
  exemptions: NamedEntryDto[];
  applications: NamedApplicationDto[];
};

/**
 * Each read view a person reads, with names beside its ids: one look-up per kind of thing for the
 * whole response (see ViewNames), whatever the number of rows.
 */
@Injectable()
export class NamedResponses {
  constructor(
    private readonly names: ViewNames,
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentsService,
  ) {}

  /**
   * The account summary's entry lists and applications, named together. `learner`: the
   * account's learner, already read with the account.
   */
  async account(
    learner: { id: string; name: string },
    ledger: Omit<AccountLedger, 'sections'>,
    applications: ApplicationPage,
    locale: Locale,
  ): Promise<NamedAccountLists> {
    const entries = [
      ...ledger.courseCredits,
      ...ledger.certificates,
      ...ledger.diplomas,
      ...ledger.exemptions,
    ];
    const wanted = new WantedNames();
    wanted.knownLearners.set(learner.id, learner.name);
    for (const entry of entries) wantEntry(wanted, entry);
    for (const application of applications.items) wantApplication(wanted, application);
    const names = await this.names.resolve(wanted, entries);
    return {
      ...ledger,
      courseCredits: ledger.courseCredits.map((entry) => nameEntry(names, entry)),
      certificates: ledger.certificates.map((entry) => nameEntry(names, entry)),
      diplomas: ledger.diplomas.map((entry) => nameEntry(names, entry)),
      exemptions: ledger.exemptions.map((entry) => nameEntry(names, entry)),
      applications: applications.items.map((item) => nameApplication(names, item, locale)),
    };
  }

  async entryPage(learnerId: string, page: EntryPage): Promise<EntryPageDto> {
    const wanted = new WantedNames();
    wanted.learners.add(learnerId);
    for (const entry of page.items) wantEntry(wanted, entry);
    const names = await this.names.resolve(wanted, page.items);
    return {
      learner: names.learner(learnerId),
      items: page.items.map((entry) => nameEntry(names, entry)),
      nextCursor: page.nextCursor,
    };
  }

  /** A correction's preview; what its replacements cite of the rolled-back dry run is named too. */
  async correctionPreview(preview: CorrectionPreview): Promise<CorrectionPreviewDto> {
    const { entry, cascaded, repointed, corrections } = preview;
    const shown = [entry, ...cascaded, ...repointed.map(({ replacement }) => replacement)];
    const wanted = new WantedNames();
    wanted.learners.add(entry.learnerId);
    for (const view of shown) wantEntry(wanted, view);
    const names = await this.names.resolve(wanted, [...shown, ...corrections]);
    return {
      learner: names.learner(entry.learnerId),
      entry: nameEntry(names, entry),
      cascaded: cascaded.map((view) => nameEntry(names, view)),
      repointed: repointed.map(({ reversed, replacement }) => ({
        reversed: nameEntry(names, reversed),
        replacement: nameEntry(names, replacement),
      })),
    };
  }

  async applicationPage(page: ApplicationPage, locale: Locale): Promise<ApplicationPageDto> {
    const wanted = new WantedNames();
    for (const application of page.items) wantApplication(wanted, application);
    const names = await this.names.resolve(wanted);
    return {
      items: page.items.map((application) => nameApplication(names, application, locale)),
      nextCursor: page.nextCursor,
    };
  }

  async application(application: ApplicationView, locale: Locale): Promise<NamedApplicationDto> {
    return (await this.applicationPage({ items: [application], nextCursor: null }, locale))
      .items[0];
  }

  /**
   * The write's answer, and its NOT_ELIGIBLE refusal, said in `locale` with names: the reasons
   * from the evaluation's trace (or the fixed refusal sentence when the engine was not asked),
   * the evaluation as views show it.
   */
  async refusalsSaid<T>(locale: Locale, answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      if (!(error instanceof NotEligibleError)) throw error;
      throw await this.notEligible(error, locale);
    }
  }

  private async notEligible(error: NotEligibleError, locale: Locale): Promise<NotEligibleError> {
    const evaluation = error.extra.evaluation as Evaluation | null;
    const reasons = error.extra.reasons as string[];
    if (!evaluation)
      return new NotEligibleError(
        reasons.map((reason) => localiseRefusal(locale, reason)),
        null,
      );
    const wanted = new WantedNames();
    wanted.ruleVersions.add(evaluation.ruleVersionId);
    wanted.evaluation(evaluation);
    const names = await this.names.resolve(wanted);
    const said = names.say(evaluation, evaluation.ruleVersionId, locale);
    return new NotEligibleError(said.reasons, { ...evaluationView(evaluation), ...said });
  }

  async inbox(page: InboxPage, locale: Locale): Promise<InboxPageDto> {
    const wanted = new WantedNames();
    for (const item of page.items) wantInboxItem(wanted, item);
    const [names, studentNumbers] = await Promise.all([
      this.names.resolve(wanted),
      this.enrolments.studentNumbers(
        this.dataSource.manager,
        page.items.flatMap((item) =>
          item.ownerInstitutionId
            ? [{ learnerId: item.learnerId, institutionId: item.ownerInstitutionId }]
            : [],
        ),
      ),
    ]);
    return {
      items: page.items.map((item) => {
        const named = nameInboxItem(names, item, locale);
        const studentNo = studentNumbers.get(`${item.learnerId}|${item.ownerInstitutionId}`);
        return { ...named, learner: { ...named.learner, studentNo: studentNo ?? null } };
      }),
      nextCursor: page.nextCursor,
    };
  }

  async eligibility(eligibility: Eligibility, locale: Locale): Promise<NamedEligibilityDto> {
    const wanted = new WantedNames();
    wantEligibility(wanted, eligibility);
    return nameEligibility(await this.names.resolve(wanted), eligibility, locale);
  }
}
