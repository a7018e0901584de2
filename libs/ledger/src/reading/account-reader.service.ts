import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import { ValidationFailedError } from '@app/core';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import type { Cancellation, EntryView } from '../dto/entry.dto';
import { cancellationOf, isoToday, toEntryView } from './entry-view';

export interface AccountLedger {
  totals: {
    /** Standing credits from passed courses and course exemptions. */
    creditsEarned: string;
    bySource: { courseCredits: string; courseExemptions: string; certificatesRecognised: string };
  };
  courseCredits: EntryView[];
  certificates: EntryView[];
  diplomas: EntryView[];
  exemptions: EntryView[];
}

export interface EntryPage {
  items: EntryView[];
  nextCursor: string | null;
}

const CORRECTIONS = new Set(['REVERSAL', 'REVOCATION']);

function hundredths(value: string | null): number {
  if (value === null) return 0;
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

function credits(amount: number): string {
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

export function encodeCursor(seq: string): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = /^s:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!decoded)
    throw new ValidationFailedError([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  return decoded[1];
}

/** Reads a learner's ledger: the account summary and the cursor-paged list, newest first. */
@Injectable()
export class AccountReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
  ) {}

  async account(
    learnerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountLedger> {
    const entries = await manager
      .getRepository(LedgerEntryEntity)
      .find({ where: { learnerId }, order: { seq: 'DESC' } });
    const cancellations = new Map<string, Cancellation>();
    for (const entry of entries) {
      if (CORRECTIONS.has(entry.kind) && entry.cancelsEntryId)
        cancellations.set(entry.cancelsEntryId, cancellationOf(entry));
    }
    const recognised = await this.catalog.recognisedCredits(manager, [
      ...new Set(entries.filter((e) => e.kind === 'CERTIFICATE').map((e) => e.schemeId as string)),
    ]);
    const today = isoToday();
    const views = entries
      .filter((entry) => !CORRECTIONS.has(entry.kind))
      .map((entry) => toEntryView(entry, cancellations.get(entry.id), today));
    const active = (view: EntryView) => view.status === 'ACTIVE';
    const courseCredits = views.filter((view) => view.kind === 'COURSE_CREDIT');
    const exemptions = views.filter(
      (view) => view.kind === 'COURSE_EXEMPTION' || view.kind === 'EXAM_EXEMPTION',
    );
    const certificates = views.filter((view) => view.kind === 'CERTIFICATE');
    const fromCourses = courseCredits
      .filter(active)
      .reduce((sum, view) => sum + hundredths(view.credits ?? null), 0);
    const fromExemptions = exemptions
      .filter((view) => active(view) && view.kind === 'COURSE_EXEMPTION')
      .reduce((sum, view) => sum + hundredths(view.credits ?? null), 0);
    const fromCertificates = certificates
      .filter(active)
      .reduce(
        (sum, view) =>
          sum +
          hundredths(recognised.get(view.schemeId as string)?.get(view.level as string) ?? null),
        0,
      );
    return {
      totals: {
        creditsEarned: credits(fromCourses + fromExemptions),
        bySource: {
          courseCredits: credits(fromCourses),
          courseExemptions: credits(fromExemptions),
          certificatesRecognised: credits(fromCertificates),
        },
      },
      courseCredits,
      certificates,
      diplomas: views.filter((view) => view.kind === 'DIPLOMA'),
      exemptions,
    };
  }

  async page(learnerId: string, cursor: string | undefined, limit: number): Promise<EntryPage> {
    const before = cursor === undefined ? null : decodeCursor(cursor);
    const query = this.dataSource.manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.learner_id = :learnerId', { learnerId })
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1);
    if (before !== null) query.andWhere('e.seq < :before', { before });
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const cancellations = await this.cancellationsOf(page.map((entry) => entry.id));
    const today = isoToday();
    return {
      items: page.map((entry) => toEntryView(entry, cancellations.get(entry.id), today)),
      nextCursor: rows.length > limit ? encodeCursor(String(page[page.length - 1].seq)) : null,
    };
  }

  private async cancellationsOf(entryIds: string[]): Promise<Map<string, Cancellation>> {
    if (entryIds.length === 0) return new Map();
    const corrections = await this.dataSource.manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('c')
      .where('c.cancels_entry_id IN (:...ids)', { ids: entryIds })
      .getMany();
    return new Map(
      corrections.map((correction) => [
        correction.cancelsEntryId as string,
        cancellationOf(correction),
      ]),
    );
  }
}
