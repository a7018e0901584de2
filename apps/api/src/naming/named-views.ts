import type {
  ApplicationView,
  CurrentEvaluationView,
  Eligibility,
  EligibilityItem,
  InboxItemView,
} from '@app/conversion';
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
  for (const id of application.evaluation.evidenceEntryIds) wanted.entries.add(id);
  wanted.sentences([...application.evaluation.reasons, ...application.evaluation.explanation]);
}

export function nameApplication(names: Names, application: ApplicationView): NamedApplicationDto {
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
      reasons: names.sentences(application.evaluation.reasons),
      explanation: names.sentences(application.evaluation.explanation),
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
    wanted.ruleVersions.add(item.currentEvaluation.ruleVersionId);
    for (const id of item.currentEvaluation.evidenceEntryIds) wanted.entries.add(id);
    wanted.sentences([...item.currentEvaluation.reasons, ...item.currentEvaluation.explanation]);
  }
  wanted.sentences(item.blockedBecause);
}

function nameCurrent(names: Names, current: CurrentEvaluationView): NamedCurrentEvaluationDto {
  return {
    ...current,
    rule: names.rule(current.ruleVersionId),
    evidence: names.entries(current.evidenceEntryIds),
    reasons: names.sentences(current.reasons),
    explanation: names.sentences(current.explanation),
  };
}

export function nameInboxItem(names: Names, item: InboxItemView): NamedInboxItemDto {
  return {
    ...nameApplication(names, item),
    currentEvaluation: item.currentEvaluation ? nameCurrent(names, item.currentEvaluation) : null,
    approvable: item.approvable,
    blockedBecause: names.sentences(item.blockedBecause),
  };
}

export function wantEligibility(wanted: WantedNames, eligibility: Eligibility): void {
  wanted.learners.add(eligibility.learnerId);
  for (const item of eligibility.items) {
    wanted.target(item.target);
    for (const id of item.evidenceEntryIds) wanted.entries.add(id);
    wanted.sentences([...item.reasons, ...item.explanation]);
  }
}

function nameEligibilityItem(names: Names, item: EligibilityItem): NamedEligibilityItemDto {
  const exemption = 'courseId' in item.target ? '免修' : '免试';
  return {
    ...item,
    target: names.target(item.target),
    evidence: names.entries(item.evidenceEntryIds),
    reasons: names.sentences(item.reasons),
    explanation: names.sentences(item.explanation),
    openApplication: item.openApplication
      ? {
          ...item.openApplication,
          label: `申请 · ${exemption} ${names.targetWords(item.target)}`,
        }
      : null,
  };
}

export function nameEligibility(names: Names, eligibility: Eligibility): NamedEligibilityDto {
  return {
    ...eligibility,
    learner: names.learner(eligibility.learnerId),
    items: eligibility.items.map((item) => nameEligibilityItem(names, item)),
  };
}
