import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LearnerDirectory } from '@app/accounts';
import { CatalogLookup, LEVEL_NAMES, type Level } from '@app/catalog';
import {
  describeEvaluation,
  RuleNames,
  type DescribedEvaluation,
  type EvaluationSentences,
} from '@app/conversion';
import type { Locale } from '@app/core';
import { AccountReader, type EntrySubject } from '@app/ledger';
import { UserNames } from '@app/users';
import type {
  CatalogRefDto,
  CourseRefDto,
  EntryRefDto,
  LearnerRefDto,
  NamedTargetDto,
  PersonRefDto,
  RuleRefDto,
} from './names.dto';

/** The ids a response cites, by kind of thing, collected before anything is looked up. */
export class WantedNames {
  readonly courses = new Set<string>();
  readonly institutions = new Set<string>();
  readonly programs = new Set<string>();
  readonly schemes = new Set<string>();
  readonly bodies = new Set<string>();
  readonly users = new Set<string>();
  readonly learners = new Set<string>();
  readonly ruleVersions = new Set<string>();
  readonly entries = new Set<string>();
  /** Learners whose names the response already holds: not looked up again. */
  readonly knownLearners = new Map<string, string>();

  /** Adds the id to the set, ignoring an absent one. */
  static add(set: Set<string>, id: string | null | undefined): void {
    if (id) set.add(id);
  }

  /** What a target cites. */
  target(target: { courseId?: string; schemeId?: string }): void {
    WantedNames.add(this.courses, target.courseId);
    WantedNames.add(this.schemes, target.schemeId);
  }

  /** What an evaluation's words cite: the catalog things its conditions name, every entry. */
  evaluation(evaluation: DescribedEvaluation): void {
    this.target(evaluation.target);
    for (const id of evaluation.evidenceEntryIds) this.entries.add(id);
    for (const { leaf, entryIds, rejected } of evaluation.leaves) {
      if ('certificate' in leaf) this.schemes.add(leaf.certificate.schemeId);
      else if ('courseCredit' in leaf) this.courses.add(leaf.courseCredit.courseId);
      else this.programs.add(leaf.diploma.programId);
      for (const id of entryIds) this.entries.add(id);
      for (const { entryId } of rejected) this.entries.add(entryId);
    }
    for (const limit of evaluation.limits) {
      switch (limit.name) {
        case 'targetNotCovered':
          limit.coveredByEntryIds.forEach((id) => this.entries.add(id));
          break;
        case 'evidenceNotReused':
          [...limit.reusedEvidenceEntryIds, ...limit.priorExemptionEntryIds].forEach((id) =>
            this.entries.add(id),
          );
          break;
        case 'maxCreditsPerEvidence':
        case 'recognisedCredits':
          this.entries.add(limit.evidenceEntryId);
          break;
        case 'programMaxExemptCredits':
          this.programs.add(limit.programId);
          break;
        case 'creditsWithinTarget':
          break;
      }
    }
  }

  /** What an entry's label needs. */
  subject(subject: EntrySubject): void {
    WantedNames.add(this.courses, subject.courseId);
    WantedNames.add(this.schemes, subject.schemeId);
    WantedNames.add(this.programs, subject.programId);
  }
}

const KIND_WORDS: Record<string, string> = {
  COURSE_CREDIT: '课程学分',
  CERTIFICATE: '职业技能等级证书',
  DIPLOMA: '学历证书',
  COURSE_EXEMPTION: '免修',
  EXAM_EXEMPTION: '免试',
  REVERSAL: '冲正',
  REVOCATION: '撤销',
};

export function levelName(level: string | null | undefined): string | undefined {
  return level && level in LEVEL_NAMES ? LEVEL_NAMES[level as Level] : undefined;
}

/** "名称 (CODE)", or the id itself when the catalog no longer has it. */
function words(ref: CatalogRefDto | null, id: string): string {
  return ref ? `${ref.name} (${ref.code})` : id;
}

/** Everything a response cites, looked up: each method answers from memory. */
export class Names {
  constructor(
    private readonly maps: {
      courses: Map<string, CourseRefDto>;
      institutions: Map<string, CatalogRefDto>;
      programs: Map<string, CatalogRefDto>;
      schemes: Map<string, CatalogRefDto>;
      bodies: Map<string, CatalogRefDto>;
      users: Map<string, string>;
      learners: Map<string, string>;
      rules: Map<string, RuleRefDto>;
      subjects: Map<string, EntrySubject>;
    },
  ) {}

  course(id: string | null | undefined): CourseRefDto | null {
    return (id && this.maps.courses.get(id)) || null;
  }

  institution(id: string | null | undefined): CatalogRefDto | null {
    return (id && this.maps.institutions.get(id)) || null;
  }

  program(id: string | null | undefined): CatalogRefDto | null {
    return (id && this.maps.programs.get(id)) || null;
  }

  scheme(id: string | null | undefined): CatalogRefDto | null {
    return (id && this.maps.schemes.get(id)) || null;
  }

  body(id: string | null | undefined): CatalogRefDto | null {
    return (id && this.maps.bodies.get(id)) || null;
  }

  /** A user by display name; a user since removed keeps their id as the name. */
  person(id: string): PersonRefDto {
    return { id, name: this.maps.users.get(id) ?? id };
  }

  learner(id: string): LearnerRefDto {
    return { id, name: this.maps.learners.get(id) ?? id };
  }

  rule(versionId: string | null | undefined): RuleRefDto | null {
    return (versionId && this.maps.rules.get(versionId)) || null;
  }

  /** The target with its course or scheme and level named. */
  target(target: { courseId?: string; schemeId?: string; level?: string; component?: string }) {
    const named: NamedTargetDto = { ...target };
    if (target.courseId) named.course = this.course(target.courseId);
    if (target.schemeId) {
      named.scheme = this.scheme(target.schemeId);
      named.levelName = levelName(target.level);
    }
    return named;
  }

  /** The target in words: "Vue.js 应用开发 (C-1)" or "Web前端开发 (S-1) 中级 THEORY". */
  targetWords(target: {
    courseId?: string;
    schemeId?: string;
    level?: string;
    component?: string;
  }) {
    if (target.courseId) return words(this.course(target.courseId), target.courseId);
    const scheme = target.schemeId ?? '';
    return [words(this.scheme(scheme), scheme), levelName(target.level), target.component]
      .filter(Boolean)
      .join(' ');
  }

  /** An entry by its kind and what it is about, e.g. "课程学分 · 网页设计 (WEB101) · 2024-2025-2". */
  entry(id: string): EntryRefDto {
    const subject = this.maps.subjects.get(id);
    if (!subject) return { id, kind: 'UNKNOWN', label: id };
    return { id, kind: subject.kind, label: this.label(subject) };
  }

  /**
   * An evaluation in words, in the reader's language: the reasons and the explanation said from
   * its traces, each thing by its name (see describeEvaluation), under rule version `ruleVersionId`.
   */
  say(evaluation: DescribedEvaluation, ruleVersionId: string, locale: Locale): EvaluationSentences {
    const rule = this.rule(ruleVersionId);
    return describeEvaluation(evaluation, locale, {
      course: (id) => this.course(id),
      scheme: (id) => this.scheme(id),
      program: (id) => this.program(id),
      entry: (id) => {
        const subject = this.maps.subjects.get(id);
        return subject ? this.label(subject) : null;
      },
      rule: rule && { name: rule.name, version: rule.version },
    });
  }

  entries(ids: readonly string[] | null | undefined): EntryRefDto[] {
    return (ids ?? []).map((id) => this.entry(id));
  }

  private label(subject: EntrySubject): string {
    const kind = KIND_WORDS[subject.kind] ?? subject.kind;
    const parts = ((): (string | undefined)[] => {
      switch (subject.kind) {
        case 'COURSE_CREDIT':
          return [this.targetWords(subject), subject.term];
        case 'CERTIFICATE':
          return [this.targetWords({ ...subject, component: undefined }), subject.certificateNo];
        case 'DIPLOMA':
          return [
            words(this.program(subject.programId), subject.programId ?? ''),
            subject.diplomaNo,
          ];
        case 'COURSE_EXEMPTION':
        case 'EXAM_EXEMPTION':
          return [this.targetWords(subject)];
        default:
          return [subject.reason];
      }
    })();
    return [kind, ...parts.filter(Boolean)].join(' · ');
  }
}

/**
 * Names for the views a person reads. A response collects every id it cites into WantedNames,
 * then this looks each kind of thing up once, through the library that owns it: one query for
 * the cited entries not already in the response, then one for the catalog (courses, programs,
 * schools, schemes and bodies together), one each for users, learners and rule versions — each
 * only when the response cites one — never one per row.
 */
@Injectable()
export class ViewNames {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
    private readonly users: UserNames,
    private readonly learners: LearnerDirectory,
    private readonly rules: RuleNames,
    private readonly ledger: AccountReader,
  ) {}

  /** `known`: entries the response already holds, so only the others are read to name them. */
  async resolve(wanted: WantedNames, known: readonly EntrySubject[] = []): Promise<Names> {
    const manager = this.dataSource.manager;
    const subjects = new Map(known.map((subject) => [subject.id, subject]));
    const missing = [...wanted.entries].filter((id) => !subjects.has(id));
    for (const subject of await this.ledger.subjects(manager, missing)) {
      subjects.set(subject.id, subject);
    }
    for (const id of wanted.entries) {
      const subject = subjects.get(id);
      if (subject) wanted.subject(subject);
    }
    const [catalog, users, learners, rules] = await Promise.all([
      this.catalog.refs(manager, wanted),
      this.users.displayNames(manager, [...wanted.users]),
      this.learners.names(
        manager,
        [...wanted.learners].filter((id) => !wanted.knownLearners.has(id)),
      ),
      this.rules.versions(manager, [...wanted.ruleVersions]),
    ]);
    return new Names({
      ...catalog,
      users,
      learners: new Map([...wanted.knownLearners, ...learners]),
      rules,
      subjects,
    });
  }
}
