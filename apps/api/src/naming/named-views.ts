import type {
  ApplicationView,
  CurrentEvaluationView,
  Eligibility,
  EligibilityItem,
  InboxItemView,
} from '@app/conversion';
import { localiseRefusal, type Locale } from '@app/core';
import type { EntryView } from '@app/ledger';
import type {
  NamedApplicationDto,
  NamedCurrentEvaluationDto,
  NamedEligibilityDto,
  NamedEligibilityItemDto,
  NamedInboxItemDto,
} from '../conversion/conversion.dto';
import type { NamedEntryDto } from '../ledger/entry.dto';
import { levelName, Names, WantedNames } from './view-names.service';

/*
 * Each view in two steps: `want…` adds the ids it cites to a WantedNames (so a whole response is
 * looked up at once), `name…` puts the names beside the ids (which stay: clients use them).
 */

const EXEMPTIONS = new Set(['COURSE_EXEMPTION', 'EXAM_EXEMPTION']);

export function wantEntry(wanted: WantedNames, entry: EntryView): void {
  const add = WantedNames.add;
  add(wanted.users, entry.recordedBy);
  add(wanted.institutions, entry.institutionId);
  add(wanted.bodies, entry.certificationBodyId);
  add(wanted.courses, entry.courseId);
  add(wanted.programs, entry.programId);
  add(wanted.schemes, entry.schemeId);
  add(wanted.ruleVersions, entry.ruleVersionId);
  add(wanted.entries, entry.cancelsEntryId);
  add(wanted.entries, entry.causeEntryId);
  for (const id of entry.evidenceEntryIds ?? []) wanted.entries.add(id);
  if (entry.cancelledBy) {
    wanted.users.add(entry.cancelledBy.recordedBy);
    add(wanted.entries, entry.cancelledBy.causeEntryId);
  }
}

export function nameEntry(names: Names, entry: EntryView): NamedEntryDto {
  const { cancelledBy, ...fields } = entry;
  const named: NamedEntryDto = { ...fields, recorder: names.person(entry.recordedBy) };
  if (entry.institutionId !== undefined) named.institution = names.institution(entry.institutionId);
  if (entry.certificationBodyId !== undefined)
    named.certificationBody = names.body(entry.certificationBodyId);
  if (entry.courseId) named.course = names.course(entry.courseId);
  if (entry.programId) named.program = names.program(entry.programId);
  if (entry.schemeId) named.scheme = names.scheme(entry.schemeId);
  if (entry.level) named.levelName = levelName(entry.level);
  if (entry.ruleVersionId) named.rule = names.rule(entry.ruleVersionId);
  if (entry.evidenceEntryIds) named.evidence = names.entries(entry.evidenceEntryIds);
  if (EXEMPTIONS.has(entry.kind) && entry.applicationId)
    named.application = {
      id: entry.applicationId,
      label: `申请 · ${entry.kind === 'COURSE_EXEMPTION' ? '免修' : '免试'} ${names.targetWords(entry)}`,
    };
  if (entry.cancelsEntryId) named.cancels = names.entry(entry.cancelsEntryId);
  if (entry.causeEntryId) named.cause = names.entry(entry.causeEntryId);
  if (cancelledBy) {
    const { causeEntryId, recordedBy } = cancelledBy;
    named.cancelledBy = {
      ...cancelledBy,
      recorder: names.person(recordedBy),
      cause: causeEntryId ? names.entry(causeEntryId) : null,
    };
  }
  return named;
}

export function wantApplication(wanted: WantedNames, application: ApplicationView): void {
  wanted.learners.add(application.learnerId);
  wanted.ruleVersions.add(application.ruleVersionId);
  wanted.target(application.target);
  WantedNames.add(wanted.institutions, application.ownerInstitutionId);
  WantedNames.add(wanted.bodies, application.ownerCertificationBodyId);
  wanted.users.add(application.submittedBy);
  WantedNames.add(wanted.users, application.decidedBy);
  wanted.evaluation({ ...application.evaluation, target: application.target });
}

/** The application named, its evaluation said in `locale` from its trace. */
export function nameApplication(
  names: Names,
  application: ApplicationView,
  locale: Locale,
): NamedApplicationDto {
  const exemption = 'courseId' in application.target ? '免修' : '免试';
  return {
    ...application,
    learner: names.learner(application.learnerId),
    rule: names.rule(application.ruleVersionId),
    target: names.target(application.target),
    ownerInstitution: names.institution(application.ownerInstitutionId),
    ownerCertificationBody: names.body(application.ownerCertificationBodyId),
    submitter: names.person(application.submittedBy),
    decider: application.decidedBy ? names.person(application.decidedBy) : null,
    evidence: names.entries(application.evaluation.evidenceEntryIds),
    evaluation: {
      ...application.evaluation,
      ...names.say(
        { ...application.evaluation, target: application.target },
        application.ruleVersionId,
        locale,
      ),
    },
    exemptionEntry: application.exemptionEntryId
      ? {
          id: application.exemptionEntryId,
          kind: exemption === '免修' ? 'COURSE_EXEMPTION' : 'EXAM_EXEMPTION',
          label: `${exemption} · ${names.targetWords(application.target)}`,
        }
      : null,
  };
}

export function wantInboxItem(wanted: WantedNames, item: InboxItemView): void {
  wantApplication(wanted, item);
  if (item.currentEvaluation) {
    const { trace, ...current } = item.currentEvaluation;
    wanted.ruleVersions.add(current.ruleVersionId);
    wanted.evaluation({ ...current, ...trace, target: item.target });
  }
}

function nameCurrent(
  names: Names,
  { trace, ...current }: CurrentEvaluationView,
  target: InboxItemView['target'],
  locale: Locale,
): NamedCurrentEvaluationDto {
  return {
    ...current,
    rule: names.rule(current.ruleVersionId),
    evidence: names.entries(current.evidenceEntryIds),
    ...names.say({ ...current, ...trace, target }, current.ruleVersionId, locale),
  };
}

export function nameInboxItem(
  names: Names,
  { currentEvaluation, approvable, refusal, ...application }: InboxItemView,
  locale: Locale,
): NamedInboxItemDto {
  const current = currentEvaluation
    ? nameCurrent(names, currentEvaluation, application.target, locale)
    : null;
  return {
    ...nameApplication(names, application, locale),
    currentEvaluation: current,
    approvable,
    // The same reasons a decision would be refused with now.
    blockedBecause:
      refusal === null ? (current?.reasons ?? []) : [localiseRefusal(locale, refusal)],
  };
}

export function wantEligibility(wanted: WantedNames, eligibility: Eligibility): void {
  wanted.learners.add(eligibility.learnerId);
  for (const item of eligibility.items) {
    wanted.ruleVersions.add(item.ruleVersionId);
    wanted.evaluation({ ...item, ...item.evaluation });
  }
}

function nameEligibilityItem(
  names: Names,
  item: EligibilityItem,
  locale: Locale,
): NamedEligibilityItemDto {
  const exemption = 'courseId' in item.target ? '免修' : '免试';
  return {
    ...item,
    target: names.target(item.target),
    evidence: names.entries(item.evidenceEntryIds),
    ...names.say({ ...item, ...item.evaluation }, item.ruleVersionId, locale),
    openApplication: item.openApplication
      ? {
          ...item.openApplication,
          label: `申请 · ${exemption} ${names.targetWords(item.target)}`,
        }
      : null,
  };
}

export function nameEligibility(
  names: Names,
  eligibility: Eligibility,
  locale: Locale,
): NamedEligibilityDto {
  return {
    ...eligibility,
    learner: names.learner(eligibility.learnerId),
    items: eligibility.items.map((item) => nameEligibilityItem(names, item, locale)),
  };
}
