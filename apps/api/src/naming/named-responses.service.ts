import { Injectable } from '@nestjs/common';
import type { ApplicationPage, Eligibility, InboxPage } from '@app/conversion';
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
      applications: applications.items.map((item) => nameApplication(names, item)),
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

  async applicationPage(page: ApplicationPage): Promise<ApplicationPageDto> {
    const wanted = new WantedNames();
    for (const application of page.items) wantApplication(wanted, application);
    const names = await this.names.resolve(wanted);
    return {
      items: page.items.map((application) => nameApplication(names, application)),
      nextCursor: page.nextCursor,
    };
  }

  async application(application: ApplicationPage['items'][number]): Promise<NamedApplicationDto> {
    return (await this.applicationPage({ items: [application], nextCursor: null })).items[0];
  }

  async inbox(page: InboxPage): Promise<InboxPageDto> {
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
        const named = nameInboxItem(names, item);
        const studentNo = studentNumbers.get(`${item.learnerId}|${item.ownerInstitutionId}`);
        return { ...named, learner: { ...named.learner, studentNo: studentNo ?? null } };
      }),
      nextCursor: page.nextCursor,
    };
  }

  async eligibility(eligibility: Eligibility): Promise<NamedEligibilityDto> {
    const wanted = new WantedNames();
    wantEligibility(wanted, eligibility);
    return nameEligibility(await this.names.resolve(wanted), eligibility);
  }
}
