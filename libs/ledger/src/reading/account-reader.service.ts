import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import { EntryKind, LedgerEntryEntity } from '../entities/ledger-entry.entity';
import type { Cancellation, EntrySubject, EntryView } from '../dto/entry.dto';
import { decodeEntryCursor, encodeEntryCursor, parseKinds } from './entry-cursor';
import { cancellationOf, isoToday, toEntrySubject, toEntryView } from './entry-view';

/** Items per section of the account summary; the rest is a cursor away. */
export const ACCOUNT_SECTION_LIMIT = 20;

/** The summary's sections of ledger entries and the kinds each holds. */
export const ACCOUNT_SECTIONS = {
  courseCredits: ['COURSE_CREDIT'],
  certificates: ['CERTIFICATE'],
  diplomas: ['DIPLOMA'],
  exemptions: ['COURSE_EXEMPTION', 'EXAM_EXEMPTION'],
} as const satisfies Record<string, readonly EntryKind[]>;

export type AccountSectionName = keyof typeof ACCOUNT_SECTIONS;

/** A section's size: every item it has, and where its next page starts (null: all shown). */
export interface SectionInfo {
  total: number;
  nextCursor: string | null;
}

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
  sections: Record<AccountSectionName, SectionInfo>;
}

export interface EntryPage {
  items: EntryView[];
  nextCursor: string | null;
}

const SECTION_NAMES = Object.keys(ACCOUNT_SECTIONS) as AccountSectionName[];

/** The entries the sections hold: every kind but the corrections. */
const OUTCOME_SQL = `e.kind NOT IN ('REVERSAL', 'REVOCATION')`;

/** The section an entry kind belongs to, as SQL over `e.kind`. */
const SECTION_SQL = `CASE ${SECTION_NAMES.map(
  (name) => `WHEN e.kind IN ('${ACCOUNT_SECTIONS[name].join("','")}') THEN '${name}'`,
).join(' ')} END`;

/** Joins an entry's cancellation, if any (an entry is cancelled at most once): `c.id IS NULL` = standing. */
const CANCELLATION_SQL = `LEFT JOIN ledger_entries c ON c.cancels_entry_id = e.id`;

interface SummaryRow {
  section: AccountSectionName;
  total: string;
  courseCredits: string | null;
  courseExemptions: string | null;
}

function hundredths(value: string | null): number {
  if (value === null) return 0;
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

function credits(amount: number): string {
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/**
 * Reads a learner's ledger: the account summary and the cursor-paged list, newest first. The
 * summary holds the newest ACCOUNT_SECTION_LIMIT items of each section; its totals and counts
 * are computed in SQL over every row, so they stay exact however long the account grows.
 */
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
    const today = isoToday();
    const summary: SummaryRow[] = await manager.query(
      `SELECT ${SECTION_SQL} AS section, count(*)::text AS total,
              sum(e.credits) FILTER (WHERE e.kind = 'COURSE_CREDIT' AND c.id IS NULL)::text
                AS "courseCredits",
              sum(e.credits) FILTER (WHERE e.kind = 'COURSE_EXEMPTION' AND c.id IS NULL)::text
                AS "courseExemptions"
         FROM ledger_entries e ${CANCELLATION_SQL}
        WHERE e.learner_id = $1 AND ${OUTCOME_SQL}
        GROUP BY 1`,
      [learnerId],
    );
    const newest = await manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('entry')
      .where(
        `entry.id IN (SELECT id FROM (
           SELECT e.id, row_number() OVER (PARTITION BY ${SECTION_SQL} ORDER BY e.seq DESC) AS n
             FROM ledger_entries e
            WHERE e.learner_id = :learnerId AND ${OUTCOME_SQL}) ranked
          WHERE n <= :limit)`,
        { learnerId, limit: ACCOUNT_SECTION_LIMIT },
      )
      .orderBy('entry.seq', 'DESC')
      .getMany();
    const cancellations = await this.cancellationsOf(
      manager,
      newest.map((entry) => entry.id),
    );
    const views = newest.map((entry) => toEntryView(entry, cancellations.get(entry.id), today));
    const byName = new Map(summary.map((row) => [row.section, row]));
    const fromCourses = hundredths(byName.get('courseCredits')?.courseCredits ?? null);
    const fromExemptions = hundredths(byName.get('exemptions')?.courseExemptions ?? null);
    const sectionOf = (name: AccountSectionName): [EntryView[], SectionInfo] => {
      const kinds: readonly EntryKind[] = ACCOUNT_SECTIONS[name];
      const items = views.filter((view) => kinds.includes(view.kind));
      const total = Number(byName.get(name)?.total ?? 0);
      const last = items[items.length - 1];
      return [
        items,
        { total, nextCursor: total > items.length ? encodeEntryCursor(last.seq, kinds) : null },
      ];
    };
    const [courseCredits, courseCreditsInfo] = sectionOf('courseCredits');
    const [certificates, certificatesInfo] = sectionOf('certificates');
    const [diplomas, diplomasInfo] = sectionOf('diplomas');
    const [exemptions, exemptionsInfo] = sectionOf('exemptions');
    return {
      totals: {
        creditsEarned: credits(fromCourses + fromExemptions),
        bySource: {
          courseCredits: credits(fromCourses),
          courseExemptions: credits(fromExemptions),
          certificatesRecognised: credits(await this.recognisedCredits(manager, learnerId, today)),
        },
      },
      courseCredits,
      certificates,
      diplomas,
      exemptions,
      sections: {
        courseCredits: courseCreditsInfo,
        certificates: certificatesInfo,
        diplomas: diplomasInfo,
        exemptions: exemptionsInfo,
      },
    };
  }

  /**
   * Entries newest first; `kind` (comma-separated) keeps only those kinds. A cursor carries the
   * filter it was issued under, so a section's cursor continues that section.
   */
  async page(
    learnerId: string,
    options: { cursor?: string; kind?: string; limit: number },
  ): Promise<EntryPage> {
    const asked = options.kind === undefined ? null : parseKinds(options.kind);
    const position = options.cursor === undefined ? null : decodeEntryCursor(options.cursor, asked);
    const kinds = position?.kinds ?? asked;
    const query = this.dataSource.manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.learner_id = :learnerId', { learnerId })
      .orderBy('e.seq', 'DESC')
      .limit(options.limit + 1);
    if (position) query.andWhere('e.seq < :before', { before: position.before });
    if (kinds) query.andWhere('e.kind IN (:...kinds)', { kinds });
    const rows = await query.getMany();
    const page = rows.slice(0, options.limit);
    const cancellations = await this.cancellationsOf(
      this.dataSource.manager,
      page.map((entry) => entry.id),
    );
    const today = isoToday();
    return {
      items: page.map((entry) => toEntryView(entry, cancellations.get(entry.id), today)),
      nextCursor:
        rows.length > options.limit ? encodeEntryCursor(page[page.length - 1].seq, kinds) : null,
    };
  }

  /**
   * What each of `entryIds` is about (kind, course, scheme, program, numbers), in one query: the
   * views that cite entries (evidence, causes, what a correction cancels) name them with it.
   */
  async subjects(manager: EntityManager, entryIds: readonly string[]): Promise<EntrySubject[]> {
    if (entryIds.length === 0) return [];
    const entries = await manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: [...new Set(entryIds)] })
      .getMany();
    return entries.map(toEntrySubject);
  }

  /**
   * Credits the bank recognises for the learner's standing certificates (neither cancelled nor
   * expired): counted per scheme and level in SQL, priced by the catalog.
   */
  private async recognisedCredits(
    manager: EntityManager,
    learnerId: string,
    today: string,
  ): Promise<number> {
    const held: { schemeId: string; level: string; count: number }[] = await manager.query(
      `SELECT e.scheme_id AS "schemeId", e.level, count(*)::int AS count
         FROM ledger_entries e ${CANCELLATION_SQL}
        WHERE e.learner_id = $1 AND e.kind = 'CERTIFICATE' AND c.id IS NULL
          AND (e.valid_until IS NULL OR e.valid_until > $2::date)
        GROUP BY e.scheme_id, e.level`,
      [learnerId, today],
    );
    if (held.length === 0) return 0;
    const recognised = await this.catalog.recognisedCredits(manager, [
      ...new Set(held.map((row) => row.schemeId)),
    ]);
    return held.reduce(
      (sum, row) =>
        sum + row.count * hundredths(recognised.get(row.schemeId)?.get(row.level) ?? null),
      0,
    );
  }

  private async cancellationsOf(
    manager: EntityManager,
    entryIds: string[],
  ): Promise<Map<string, Cancellation>> {
    if (entryIds.length === 0) return new Map();
    const corrections = await manager
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
